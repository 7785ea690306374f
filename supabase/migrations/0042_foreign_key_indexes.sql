/*
  0042: an index behind every foreign key (issue 26).

  Deleting or re-keying a referenced row makes PostgreSQL look up the rows that point at it: without an
  index on the referencing column that is a sequential scan per row deleted. On the 10,000-family seed,
  deleting one schedule scanned all 6.9 million call sessions (`schedule_id ... on delete set null`), and
  deleting 10,000 call sessions took over ten minutes (each scanned 1.1 million memories for
  `source_call_session_id`). The same holds for a family member's account being removed (auth.users),
  a line's notifications and alerts, and a data key's rows. The safety events had indexes leading with
  `call_session_id`, but partial ones (keyword events; notified events) that a key lookup cannot use:
  20 sessions deleted spent 216 ms in that check alone.

  Nullable references get partial indexes (`where … is not null`): PostgreSQL proves a key lookup
  (`col = $1`) implies the column is not null, so the foreign key's own queries use them, and the rows
  that point nowhere are not indexed. tests/db/foreign-key-indexes.db.test.ts keeps it so for new tables.
  The plan catalogue's keys are left out: a plan row is never deleted (no action), and an index on a
  column with four values would serve nothing.
*/
create index ultaura_accounts_created_by_idx on public.ultaura_accounts (created_by) where created_by is not null;
create index ultaura_call_sessions_schedule_idx on public.ultaura_call_sessions (schedule_id) where schedule_id is not null;
create index ultaura_consents_granted_by_idx on public.ultaura_consents (granted_by_user_id) where granted_by_user_id is not null;
create index ultaura_consents_trusted_contact_idx on public.ultaura_consents (trusted_contact_id, account_id) where trusted_contact_id is not null;
create index ultaura_consents_call_session_idx on public.ultaura_consents (call_session_id) where call_session_id is not null;
create index ultaura_opt_outs_requested_by_idx on public.ultaura_opt_outs (requested_by_user_id) where requested_by_user_id is not null;
create index ultaura_opt_outs_call_session_idx on public.ultaura_opt_outs (call_session_id) where call_session_id is not null;
create index ultaura_memories_key_idx on public.ultaura_memories (account_id, key_version);
create index ultaura_memories_source_call_idx on public.ultaura_memories (source_call_session_id) where source_call_session_id is not null;
create index ultaura_safety_events_call_session_idx on public.ultaura_safety_events (call_session_id) where call_session_id is not null;
create index ultaura_safety_events_acknowledged_by_idx on public.ultaura_safety_events (acknowledged_by) where acknowledged_by is not null;
create index ultaura_account_invites_invited_by_idx on public.ultaura_account_invites (invited_by) where invited_by is not null;
create index ultaura_account_invites_accepted_by_idx on public.ultaura_account_invites (accepted_by) where accepted_by is not null;
create index ultaura_line_notices_account_idx on public.ultaura_line_notices (account_id);
create index ultaura_line_notices_changed_by_idx on public.ultaura_line_notices (changed_by_user_id) where changed_by_user_id is not null;
create index ultaura_call_insights_key_idx on public.ultaura_call_insights (account_id, key_version);
create index ultaura_line_messages_sender_idx on public.ultaura_line_messages (sender_user_id) where sender_user_id is not null;
create index ultaura_line_messages_delivered_call_idx on public.ultaura_line_messages (delivered_call_session_id) where delivered_call_session_id is not null;
create index ultaura_notifications_line_idx on public.ultaura_notifications (line_id) where line_id is not null;
create index ultaura_member_alerts_line_idx on public.ultaura_member_alerts (line_id) where line_id is not null;
create index ultaura_line_pauses_created_by_idx on public.ultaura_line_pauses (created_by) where created_by is not null;
