/*
  0021 safety alerts per kind — trusted contacts were texted at most once per call. An emergency now
  always gets its own text, even after an earlier high-tier text on the same call, and still only once:
  one notified event per call for emergencies and one for everything else. (Separate from 0020 because a
  new enum value cannot be used in the transaction that added it.)
*/

drop index if exists public.ultaura_safety_events_notify_once_idx;
create unique index if not exists ultaura_safety_events_notify_once_per_kind_idx
  on public.ultaura_safety_events (call_session_id, (tier = 'emergency'))
  where contacts_notified_at is not null;

-- The grants of 0011, restated unchanged: members read and acknowledge, service paths write.
revoke all on public.ultaura_safety_events from anon, authenticated;
grant select, update (acknowledged_at) on public.ultaura_safety_events to authenticated;
grant all on public.ultaura_safety_events to service_role;
