/*
  0025 call session over — the one definition of "is this call session over?", used by every query that
  asks it (the bridge's session lookup, Twilio's late-webhook check, the live calls that share an
  account's minutes) and by the trigger that settles a scheduled call's run.

  ultaura_call_status_final(status): Twilio reported a status after which nothing more happens to the
  call. ultaura_bridge_end_key(session): the dedupe key of the Worker's end-of-call report (one per
  session); the bridge records it with this key and the check below looks for it, so the key's spelling
  lives here only. ultaura_call_session_over(session): a final status, an end time, a removed line (its
  sessions cannot go on) or the Worker's end report.
*/
create or replace function public.ultaura_call_status_final(p_status public.ultaura_call_status)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_status in ('completed', 'busy', 'no_answer', 'failed', 'canceled')
$$;

create or replace function public.ultaura_bridge_end_key(p_session_id uuid)
returns text
language sql immutable
set search_path = ''
as $$
  select 'bridge-end:' || p_session_id::text
$$;

create or replace function public.ultaura_call_session_over(p_session public.ultaura_call_sessions)
returns boolean
language sql stable
set search_path = ''
as $$
  select p_session.ended_at is not null
    or public.ultaura_call_status_final(p_session.status)
    or p_session.line_id is null
    or exists (
      select 1 from public.ultaura_call_events e
      where e.dedupe_key = public.ultaura_bridge_end_key(p_session.id)
    )
$$;

drop trigger if exists ultaura_call_sessions_settle_run on public.ultaura_call_sessions;
create trigger ultaura_call_sessions_settle_run
  after update of status on public.ultaura_call_sessions
  for each row
  when (new.schedule_id is not null and public.ultaura_call_status_final(new.status)
        and old.status is distinct from new.status)
  execute function public.ultaura_schedule_runs_settle();

/* Grants: service paths ask these; members have no use for them. */
revoke all on function public.ultaura_call_status_final(public.ultaura_call_status) from public, anon, authenticated;
revoke all on function public.ultaura_bridge_end_key(uuid) from public, anon, authenticated;
revoke all on function public.ultaura_call_session_over(public.ultaura_call_sessions) from public, anon, authenticated;
grant execute on function public.ultaura_call_status_final(public.ultaura_call_status) to service_role;
grant execute on function public.ultaura_bridge_end_key(uuid) to service_role;
grant execute on function public.ultaura_call_session_over(public.ultaura_call_sessions) to service_role;
