/*
  0008 calls — every call placed or answered, and the event log behind it. Written only by service paths
  (Twilio webhooks, the bridge, the scheduler); members read their call activity. Call events are
  internal (they may carry tool arguments) and are not visible to members at all.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_call_direction') then
    create type public.ultaura_call_direction as enum ('inbound', 'outbound');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_call_status') then
    -- Twilio's call statuses plus `created` (session exists, Twilio not yet asked).
    create type public.ultaura_call_status as enum (
      'created', 'queued', 'initiated', 'ringing', 'in_progress',
      'completed', 'busy', 'no_answer', 'failed', 'canceled'
    );
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_call_end_reason') then
    create type public.ultaura_call_end_reason as enum (
      'caller_hangup', 'assistant_goodbye', 'minutes_exhausted', 'opt_out', 'caller_silent',
      'voicemail', 'no_answer', 'busy', 'failed', 'canceled', 'ai_unavailable', 'stream_error',
      'invalid_token', 'error'
    );
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_answered_by') then
    create type public.ultaura_answered_by as enum ('human', 'machine', 'fax', 'unknown');
  end if;
end
$$;

/*
  ultaura_call_sessions — one per call. `twilio_call_sid` is stored the moment Twilio accepts an outbound
  call (so unanswered calls are accounted for). Status callbacks may arrive twice or out of order:
  `last_status_sequence` is the highest Twilio SequenceNumber applied; older ones are ignored.
  `line_id` survives as null if the line is removed, so billing history stays.
*/
create table if not exists public.ultaura_call_sessions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  line_id uuid,
  direction public.ultaura_call_direction not null,
  status public.ultaura_call_status not null default 'created',
  twilio_call_sid text unique,
  from_e164 text,
  to_e164 text,
  schedule_id uuid references public.ultaura_schedules (id) on delete set null,
  is_test boolean not null default false,
  answered_by public.ultaura_answered_by,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  seconds_connected integer check (seconds_connected is null or seconds_connected >= 0),
  end_reason public.ultaura_call_end_reason,
  last_status_sequence integer not null default -1,
  updated_at timestamptz not null default now(),
  unique (id, account_id),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete set null (line_id),
  check (ended_at is null or started_at is null or ended_at >= started_at)
);
create index if not exists ultaura_call_sessions_line_idx on public.ultaura_call_sessions (line_id, created_at desc);
create index if not exists ultaura_call_sessions_account_idx on public.ultaura_call_sessions (account_id, created_at desc);

/*
  ultaura_call_events — append-only log of what happened on a call (status changes, tool calls, DTMF,
  errors). `call_session_id` is null for calls that never got a session (an unknown caller).
  `dedupe_key` (e.g. "status:<CallSid>:<status>") makes redelivered webhooks insert nothing.
*/
create table if not exists public.ultaura_call_events (
  id bigint generated always as identity primary key,
  call_session_id uuid references public.ultaura_call_sessions (id) on delete cascade,
  twilio_call_sid text,
  type text not null check (type ~ '^[a-z][a-z0-9_.]{0,63}$'),
  payload jsonb not null default '{}'::jsonb,
  dedupe_key text unique,
  created_at timestamptz not null default now()
);
create index if not exists ultaura_call_events_session_idx on public.ultaura_call_events (call_session_id, id);

-- Consents and opt-outs name the call that is their evidence.
do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'ultaura_consents_call_session_fk') then
    alter table public.ultaura_consents add constraint ultaura_consents_call_session_fk
      foreign key (call_session_id) references public.ultaura_call_sessions (id) on delete set null;
  end if;
  if not exists (select 1 from pg_constraint where conname = 'ultaura_opt_outs_call_session_fk') then
    alter table public.ultaura_opt_outs add constraint ultaura_opt_outs_call_session_fk
      foreign key (call_session_id) references public.ultaura_call_sessions (id) on delete set null;
  end if;
end
$$;

drop trigger if exists ultaura_call_sessions_touch on public.ultaura_call_sessions;
create trigger ultaura_call_sessions_touch before update on public.ultaura_call_sessions
  for each row execute function public.ultaura_touch_updated_at();

alter table public.ultaura_call_sessions enable row level security;
alter table public.ultaura_call_events enable row level security;

/* Policy "calls: members read their accounts' call activity". */
drop policy if exists "calls: members read their accounts' call activity" on public.ultaura_call_sessions;
create policy "calls: members read their accounts' call activity" on public.ultaura_call_sessions
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* ultaura_call_events has no member policy and no member grant: service paths only. */

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_call_sessions, public.ultaura_call_events from anon, authenticated;
revoke all on sequence public.ultaura_call_events_id_seq from anon, authenticated;
grant select on public.ultaura_call_sessions to authenticated;
grant all on public.ultaura_call_sessions, public.ultaura_call_events to service_role;
grant usage on sequence public.ultaura_call_events_id_seq to service_role;
