/*
  0016 schedule runs — every attempt the scheduler makes to phone a line, and why it did or did not ring.

  The scheduler (functions/scheduler) claims due schedules with `FOR UPDATE SKIP LOCKED`, writes one run per
  occurrence (attempt 0) and advances `next_run_at` in the same transaction; then it claims due pending runs
  (again SKIP LOCKED) and dials them through functions/_shared/calls/dial.ts. `unique (schedule_id,
  occurrence_at, attempt)` means a duplicated tick cannot create a second attempt, so nobody is rung twice.

  When a scheduled call ends (status callback), the trigger below settles its run: reached (answered, or a
  voicemail left) or, if it was busy / unanswered / failed, a retry run `retry_delay_minutes` later up to
  `max_retries`; after the last attempt the run's outcome is `missed`, which the family sees in activity.
  Every refusal (opted out, unverified, quiet hours, no minutes, …) is a run with its `result` and outcome
  `skipped`. Members read their accounts' runs; only service paths write.

  The dial pacing bucket keeps placed calls under TWILIO_MAX_CPS across overlapping ticks.
*/

alter type public.ultaura_schedule_result add value if not exists 'skipped_line_inactive';
alter type public.ultaura_schedule_result add value if not exists 'skipped_account_inactive';
alter type public.ultaura_schedule_result add value if not exists 'skipped_over_cap';

create table if not exists public.ultaura_schedule_runs (
  id uuid primary key default gen_random_uuid(),
  schedule_id uuid not null,
  account_id uuid not null,
  line_id uuid not null,
  -- The regular slot this attempt belongs to (the schedule's next_run_at when it was claimed).
  occurrence_at timestamptz not null,
  -- 0 for the regular call, 1.. for retries.
  attempt smallint not null default 0 check (attempt between 0 and 5),
  due_at timestamptz not null,
  state text not null default 'pending' check (state in ('pending', 'dialling', 'placed', 'done')),
  result public.ultaura_schedule_result,
  outcome text check (outcome in ('reached', 'retrying', 'missed', 'skipped')),
  call_session_id uuid unique references public.ultaura_call_sessions (id) on delete set null,
  claimed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (schedule_id, occurrence_at, attempt),
  foreign key (schedule_id, account_id) references public.ultaura_schedules (id, account_id) on delete cascade,
  check ((state = 'done') = (outcome is not null))
);
create index if not exists ultaura_schedule_runs_due_idx on public.ultaura_schedule_runs (due_at) where state = 'pending';
create index if not exists ultaura_schedule_runs_line_idx on public.ultaura_schedule_runs (line_id, created_at desc);
create index if not exists ultaura_schedule_runs_account_idx on public.ultaura_schedule_runs (account_id, created_at desc);

drop trigger if exists ultaura_schedule_runs_touch on public.ultaura_schedule_runs;
create trigger ultaura_schedule_runs_touch before update on public.ultaura_schedule_runs
  for each row execute function public.ultaura_touch_updated_at();

/*
  Settles the run of a scheduled call when its session reaches a final status: answered or voicemail →
  reached; otherwise a retry run (same occurrence, next attempt) after the schedule's delay, or missed when
  the schedule's retries are used up. The retry's quiet-hours check happens when it is dialled.
*/
create or replace function public.ultaura_schedule_runs_settle() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_run record;
  v_result public.ultaura_schedule_result;
  v_max integer;
  v_delay integer;
begin
  select r.id, r.schedule_id, r.account_id, r.line_id, r.occurrence_at, r.attempt, s.retry_policy
    into v_run
  from public.ultaura_schedule_runs r
  join public.ultaura_schedules s on s.id = r.schedule_id
  where r.call_session_id = new.id and r.state <> 'done'
  for update of r;
  if not found then
    return new;
  end if;

  v_result := case
    when new.answered_by in ('machine', 'fax') then 'voicemail'
    when new.status = 'completed' then 'completed'
    when new.status = 'busy' then 'busy'
    when new.status = 'no_answer' then 'no_answer'
    else 'failed'
  end;
  v_max := coalesce((v_run.retry_policy ->> 'max_retries')::integer, 2);
  v_delay := coalesce((v_run.retry_policy ->> 'retry_delay_minutes')::integer, 15);

  if v_result in ('completed', 'voicemail') then
    update public.ultaura_schedule_runs set state = 'done', result = v_result, outcome = 'reached' where id = v_run.id;
    update public.ultaura_schedules set retry_count = 0 where id = v_run.schedule_id;
  elsif v_run.attempt < v_max then
    update public.ultaura_schedule_runs set state = 'done', result = v_result, outcome = 'retrying' where id = v_run.id;
    insert into public.ultaura_schedule_runs (schedule_id, account_id, line_id, occurrence_at, attempt, due_at)
    values (v_run.schedule_id, v_run.account_id, v_run.line_id, v_run.occurrence_at, v_run.attempt + 1,
            coalesce(new.ended_at, now()) + make_interval(mins => v_delay))
    on conflict (schedule_id, occurrence_at, attempt) do nothing;
    update public.ultaura_schedules set retry_count = v_run.attempt + 1 where id = v_run.schedule_id;
  else
    update public.ultaura_schedule_runs set state = 'done', result = v_result, outcome = 'missed' where id = v_run.id;
    update public.ultaura_schedules set retry_count = 0 where id = v_run.schedule_id;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_call_sessions_settle_run on public.ultaura_call_sessions;
create trigger ultaura_call_sessions_settle_run
  after update of status on public.ultaura_call_sessions
  for each row
  when (new.schedule_id is not null and new.status in ('completed', 'busy', 'no_answer', 'failed', 'canceled')
        and old.status is distinct from new.status)
  execute function public.ultaura_schedule_runs_settle();

/*
  ultaura_dial_pacing — a token bucket per name ('twilio'): `tokens` refill at the rate the caller gives
  (TWILIO_MAX_CPS) up to `burst`. Every tick takes tokens before it places calls, under the row lock, so
  overlapping ticks share one budget.
*/
create table if not exists public.ultaura_dial_pacing (
  bucket text primary key,
  tokens double precision not null check (tokens >= 0),
  refilled_at timestamptz not null
);

create or replace function public.ultaura_take_dial_tokens(
  p_bucket text, p_want integer, p_rate double precision, p_burst double precision, p_now timestamptz
) returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_tokens double precision;
  v_granted integer;
begin
  insert into public.ultaura_dial_pacing (bucket, tokens, refilled_at) values (p_bucket, p_burst, p_now)
  on conflict (bucket) do nothing;
  select least(p_burst, tokens + greatest(0, extract(epoch from (p_now - refilled_at))) * p_rate)
    into v_tokens
  from public.ultaura_dial_pacing where bucket = p_bucket for update;
  v_granted := least(greatest(p_want, 0), floor(v_tokens)::integer);
  update public.ultaura_dial_pacing
    set tokens = v_tokens - v_granted, refilled_at = greatest(refilled_at, p_now)
  where bucket = p_bucket;
  return v_granted;
end;
$$;

alter table public.ultaura_schedule_runs enable row level security;
alter table public.ultaura_dial_pacing enable row level security;

revoke all on public.ultaura_schedule_runs, public.ultaura_dial_pacing from anon, authenticated;
revoke all on function public.ultaura_schedule_runs_settle() from public, anon, authenticated;
revoke all on function public.ultaura_take_dial_tokens(text, integer, double precision, double precision, timestamptz)
  from public, anon, authenticated;

/* Policy "schedule runs: members read their accounts' runs" — why a call did or did not happen. */
drop policy if exists "schedule runs: members read their accounts' runs" on public.ultaura_schedule_runs;
create policy "schedule runs: members read their accounts' runs" on public.ultaura_schedule_runs
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* ultaura_dial_pacing has no member policy and no member grant: the scheduler only. */

grant select on public.ultaura_schedule_runs to authenticated;
grant all on public.ultaura_schedule_runs, public.ultaura_dial_pacing to service_role;
grant execute on function public.ultaura_take_dial_tokens(text, integer, double precision, double precision, timestamptz)
  to service_role;
