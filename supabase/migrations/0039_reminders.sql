/*
  0039 reminders — medication, appointment and other reminders per line, set by the family (web app) or by
  the person (voice tools), delivered by a short call or inside a companion call, acknowledged (key 1 or a
  spoken yes), retried, and escalated to the family when the last attempt is missed.

  ultaura_reminders holds what and when; the scheduler's tick claims due rows (`FOR UPDATE SKIP LOCKED` on
  next_due_at, like schedules) and writes one occurrence per due instant — `unique (reminder_id,
  occurrence_at)` makes a duplicated tick a no-op — then claims due pending occurrences (SKIP LOCKED again)
  and dials them through the same dialler as schedules (pacing, calling-hours floor, quiet hours, opt-outs).
  When a reminder call ends, the trigger below settles its occurrence: acknowledged already, delivered (no
  acknowledgement asked and a person answered), a retry `retry_minutes` later, or missed after the last
  retry. A missed occurrence is told to the family once (`notified_at`, claimed before sending).
*/

/*
  ultaura_reminders — one reminder. Either `once_local` (a local date and time in `timezone`) or recurring
  (`days_of_week` 0 = Sunday … 6, and up to six local `times` a day). `set_by` tells family-set reminders
  (never deleted by voice, only moved or skipped once) from the person's own. `next_due_at` is planned here
  on every change of timing or pause, DST-correct (ultaura_local_instant, 0017); the scheduler advances it.
*/
create table if not exists public.ultaura_reminders (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  text text not null check (char_length(btrim(text)) between 1 and 120),
  kind text not null check (kind in ('medication', 'appointment', 'other')),
  once_local timestamp,
  days_of_week smallint[],
  times time[],
  timezone text not null check (public.ultaura_is_valid_timezone(timezone)),
  require_ack boolean not null default true,
  retries smallint not null default 2 check (retries between 0 and 5),
  retry_minutes smallint not null default 10 check (retry_minutes between 1 and 120),
  notify_on_miss boolean not null default true,
  set_by text not null default 'family' check (set_by in ('family', 'voice')),
  paused boolean not null default false,
  next_due_at timestamptz,
  claimed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, account_id),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade,
  check (
    (once_local is not null and days_of_week is null and times is null)
    or (once_local is null
        and cardinality(days_of_week) between 1 and 7
        and days_of_week <@ array[0, 1, 2, 3, 4, 5, 6]::smallint[]
        and cardinality(times) between 1 and 6)
  )
);
create index if not exists ultaura_reminders_due_idx on public.ultaura_reminders (next_due_at) where not paused;
create index if not exists ultaura_reminders_line_idx on public.ultaura_reminders (line_id, created_at);

/* The first due instant after `p_after`: the once time if still ahead, else the earliest of the times. */
create or replace function public.ultaura_reminder_next_due(
  p_once timestamp, p_days smallint[], p_times time[], p_tz text, p_after timestamptz
) returns timestamptz
language sql stable
set search_path = ''
as $$
  select case
    when p_once is not null then (
      select i from (select public.ultaura_local_instant(p_once, p_tz) as i) as x where i > p_after)
    else (select min(public.ultaura_schedule_next_run(p_days, t, p_tz, p_after)) from unnest(p_times) as t)
  end
$$;

create or replace function public.ultaura_reminders_plan_next_due() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT'
     or new.once_local is distinct from old.once_local
     or new.days_of_week is distinct from old.days_of_week
     or new.times is distinct from old.times
     or new.timezone is distinct from old.timezone
     or new.paused is distinct from old.paused then
    new.next_due_at := case when new.paused then null else
      public.ultaura_reminder_next_due(new.once_local, new.days_of_week, new.times, new.timezone, now()) end;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_reminders_plan on public.ultaura_reminders;
create trigger ultaura_reminders_plan before insert or update on public.ultaura_reminders
  for each row execute function public.ultaura_reminders_plan_next_due();
drop trigger if exists ultaura_reminders_touch on public.ultaura_reminders;
create trigger ultaura_reminders_touch before update on public.ultaura_reminders
  for each row execute function public.ultaura_touch_updated_at();

/*
  ultaura_reminder_occurrences — one due instant of a reminder and what became of it. `attempts` counts
  the calls placed for it (and a delivery inside a companion call). States: pending (waiting to be dialled
  at due_at), dialling (claimed by a tick), calling (a reminder call placed), in_call (given inside a
  companion call), then acknowledged, delivered, missed or skipped (`result` says why: quiet hours,
  opt-out, …). `call_session_id` is the call it was last given in.
*/
create table if not exists public.ultaura_reminder_occurrences (
  id uuid primary key default gen_random_uuid(),
  reminder_id uuid not null,
  account_id uuid not null,
  line_id uuid not null,
  occurrence_at timestamptz not null,
  due_at timestamptz not null,
  attempts smallint not null default 0 check (attempts between 0 and 10),
  state text not null default 'pending' check (state in (
    'pending', 'dialling', 'calling', 'in_call', 'acknowledged', 'delivered', 'missed', 'skipped')),
  result text,
  call_session_id uuid references public.ultaura_call_sessions (id) on delete set null,
  -- Given inside a companion call (in progress or due within 15 minutes) rather than by a call of its own.
  given_in_call boolean not null default false,
  acknowledged_at timestamptz,
  acknowledged_by text check (acknowledged_by in ('keypad', 'voice')),
  notified_at timestamptz,
  claimed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (reminder_id, occurrence_at),
  foreign key (reminder_id, account_id) references public.ultaura_reminders (id, account_id) on delete cascade
);
create index if not exists ultaura_reminder_occurrences_due_idx
  on public.ultaura_reminder_occurrences (due_at) where state = 'pending';
create index if not exists ultaura_reminder_occurrences_line_idx
  on public.ultaura_reminder_occurrences (line_id, occurrence_at desc);
create index if not exists ultaura_reminder_occurrences_session_idx
  on public.ultaura_reminder_occurrences (call_session_id) where call_session_id is not null;
create index if not exists ultaura_reminder_occurrences_unnotified_idx
  on public.ultaura_reminder_occurrences (updated_at) where state = 'missed' and notified_at is null;

drop trigger if exists ultaura_reminder_occurrences_touch on public.ultaura_reminder_occurrences;
create trigger ultaura_reminder_occurrences_touch before update on public.ultaura_reminder_occurrences
  for each row execute function public.ultaura_touch_updated_at();

/*
  Settles the occurrences given in a call when the call ends. Acknowledged ones are already settled.
  Otherwise: no acknowledgement asked and a person answered → delivered; attempts left → pending again
  `retry_minutes` after the end; else missed (the scheduler tells the family once).
*/
create or replace function public.ultaura_reminder_occurrences_settle() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_person boolean := new.status = 'completed' and coalesce(new.answered_by, 'human') not in ('machine', 'fax');
begin
  update public.ultaura_reminder_occurrences o set
    state = case
      when not r.require_ack and v_person then 'delivered'
      when o.attempts <= r.retries then 'pending'
      else 'missed' end,
    due_at = case when r.require_ack or not v_person
      then coalesce(new.ended_at, now()) + make_interval(mins => r.retry_minutes) else o.due_at end,
    result = case when new.answered_by in ('machine', 'fax') then 'voicemail' else new.status::text end,
    claimed_at = null
  from public.ultaura_reminders r
  where o.call_session_id = new.id and o.state in ('calling', 'in_call') and r.id = o.reminder_id;
  return new;
end;
$$;

drop trigger if exists ultaura_call_sessions_settle_reminders on public.ultaura_call_sessions;
create trigger ultaura_call_sessions_settle_reminders
  after update of status on public.ultaura_call_sessions
  for each row
  when (new.status in ('completed', 'busy', 'no_answer', 'failed', 'canceled')
        and old.status is distinct from new.status)
  execute function public.ultaura_reminder_occurrences_settle();

alter table public.ultaura_reminders enable row level security;
alter table public.ultaura_reminder_occurrences enable row level security;

/* Policy "reminders: members read their lines' reminders". */
drop policy if exists "reminders: members read their lines' reminders" on public.ultaura_reminders;
create policy "reminders: members read their lines' reminders" on public.ultaura_reminders
  for select to authenticated using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

/* Policy "reminders: members add reminders" — the composite key keeps the line in the same account. */
drop policy if exists "reminders: members add reminders" on public.ultaura_reminders;
create policy "reminders: members add reminders" on public.ultaura_reminders
  for insert to authenticated with check (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

/* Policy "reminders: members edit reminders" — what, when, pause and the miss settings (column grants). */
drop policy if exists "reminders: members edit reminders" on public.ultaura_reminders;
create policy "reminders: members edit reminders" on public.ultaura_reminders
  for update to authenticated
  using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]))
  with check (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

/* Policy "reminders: members remove reminders". */
drop policy if exists "reminders: members remove reminders" on public.ultaura_reminders;
create policy "reminders: members remove reminders" on public.ultaura_reminders
  for delete to authenticated using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

/* Policy "reminder occurrences: members read their lines' occurrences" — only the service writes them. */
drop policy if exists "reminder occurrences: members read their lines' occurrences" on public.ultaura_reminder_occurrences;
create policy "reminder occurrences: members read their lines' occurrences" on public.ultaura_reminder_occurrences
  for select to authenticated using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

revoke all on public.ultaura_reminders, public.ultaura_reminder_occurrences from anon, authenticated;
revoke all on function public.ultaura_reminders_plan_next_due() from public, anon, authenticated;
revoke all on function public.ultaura_reminder_occurrences_settle() from public, anon, authenticated;
revoke all on function public.ultaura_reminder_next_due(timestamp, smallint[], time[], text, timestamptz)
  from public, anon;
grant execute on function public.ultaura_reminder_next_due(timestamp, smallint[], time[], text, timestamptz)
  to authenticated, service_role;
grant select, delete on public.ultaura_reminders to authenticated;
grant insert (account_id, line_id, text, kind, once_local, days_of_week, times, timezone, require_ack, retries,
  retry_minutes, notify_on_miss, paused) on public.ultaura_reminders to authenticated;
grant update (text, kind, once_local, days_of_week, times, require_ack, retries, retry_minutes, notify_on_miss,
  paused) on public.ultaura_reminders to authenticated;
grant select on public.ultaura_reminder_occurrences to authenticated;
grant all on public.ultaura_reminders, public.ultaura_reminder_occurrences to service_role;
