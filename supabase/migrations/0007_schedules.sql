/*
  0007 schedules — when Ultaura phones a line. Times are local to the schedule's zone (the line's zone by
  default), days are 0 = Sunday … 6 = Saturday. The scheduler claims due rows with
  `FOR UPDATE SKIP LOCKED` on (enabled, next_run_at) and writes the run columns; members edit only the
  timing and on/off, and every such edit recomputes `next_run_at` here so a new schedule is due at once.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_schedule_result') then
    create type public.ultaura_schedule_result as enum (
      'completed', 'no_answer', 'busy', 'failed', 'voicemail',
      'skipped_quiet_hours', 'skipped_opt_out', 'skipped_no_minutes', 'skipped_unverified'
    );
  end if;
end
$$;

/*
  ultaura_schedules — a recurring call. `retry_policy` is {"max_retries": n, "retry_delay_minutes": m};
  `retry_count` counts retries of the current occurrence. `claimed_at` marks a row a tick is dialling.
*/
create table if not exists public.ultaura_schedules (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  days_of_week smallint[] not null check (
    cardinality(days_of_week) between 1 and 7 and days_of_week <@ array[0, 1, 2, 3, 4, 5, 6]::smallint[]
  ),
  time_of_day time not null,
  timezone text not null check (public.ultaura_is_valid_timezone(timezone)),
  enabled boolean not null default true,
  next_run_at timestamptz,
  retry_policy jsonb not null default '{"max_retries": 2, "retry_delay_minutes": 15}'::jsonb check (
    jsonb_typeof(retry_policy -> 'max_retries') = 'number'
    and jsonb_typeof(retry_policy -> 'retry_delay_minutes') = 'number'
    and (retry_policy ->> 'max_retries')::numeric between 0 and 5
    and (retry_policy ->> 'retry_delay_minutes')::numeric between 1 and 120
  ),
  retry_count integer not null default 0 check (retry_count >= 0),
  claimed_at timestamptz,
  last_run_at timestamptz,
  last_result public.ultaura_schedule_result,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, account_id),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_schedules_due_idx on public.ultaura_schedules (next_run_at) where enabled;
create index if not exists ultaura_schedules_line_idx on public.ultaura_schedules (line_id);

/*
  The first instant after `p_after` that falls on one of `p_days` at `p_time` in zone `p_tz`. A local time
  skipped by a spring-forward gap resolves the way Postgres resolves it (shifted forward by the gap).
*/
create or replace function public.ultaura_schedule_next_run(
  p_days smallint[], p_time time, p_tz text, p_after timestamptz
) returns timestamptz
language sql stable
set search_path = ''
as $$
  select min(candidate) from (
    select ((((p_after at time zone p_tz)::date + d) + p_time) at time zone p_tz) as candidate
    from generate_series(0, 7) as d
    where extract(dow from ((p_after at time zone p_tz)::date + d))::smallint = any (p_days)
  ) as c
  where candidate > p_after
$$;

create or replace function public.ultaura_schedules_plan_next_run() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.next_run_at is null and new.enabled then
      new.next_run_at := public.ultaura_schedule_next_run(new.days_of_week, new.time_of_day, new.timezone, now());
    end if;
  elsif new.days_of_week is distinct from old.days_of_week
     or new.time_of_day is distinct from old.time_of_day
     or new.timezone is distinct from old.timezone
     or new.enabled is distinct from old.enabled then
    new.next_run_at := case when new.enabled
      then public.ultaura_schedule_next_run(new.days_of_week, new.time_of_day, new.timezone, now()) end;
    new.retry_count := 0;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_schedules_plan on public.ultaura_schedules;
create trigger ultaura_schedules_plan before insert or update on public.ultaura_schedules
  for each row execute function public.ultaura_schedules_plan_next_run();
drop trigger if exists ultaura_schedules_touch on public.ultaura_schedules;
create trigger ultaura_schedules_touch before update on public.ultaura_schedules
  for each row execute function public.ultaura_touch_updated_at();

revoke all on function public.ultaura_schedule_next_run(smallint[], time, text, timestamptz) from public, anon, authenticated;
revoke all on function public.ultaura_schedules_plan_next_run() from public, anon, authenticated;
grant execute on function public.ultaura_schedule_next_run(smallint[], time, text, timestamptz)
  to authenticated, service_role;

alter table public.ultaura_schedules enable row level security;

/* Policy "schedules: members read their lines' schedules". */
drop policy if exists "schedules: members read their lines' schedules" on public.ultaura_schedules;
create policy "schedules: members read their lines' schedules" on public.ultaura_schedules
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Policy "schedules: members add schedules" — the composite key keeps the line in the same account. */
drop policy if exists "schedules: members add schedules" on public.ultaura_schedules;
create policy "schedules: members add schedules" on public.ultaura_schedules
  for insert to authenticated with check (public.ultaura_is_account_member(account_id));

/* Policy "schedules: members edit schedules" — timing and on/off only (column grants). */
drop policy if exists "schedules: members edit schedules" on public.ultaura_schedules;
create policy "schedules: members edit schedules" on public.ultaura_schedules
  for update to authenticated
  using (public.ultaura_is_account_member(account_id))
  with check (public.ultaura_is_account_member(account_id));

/* Policy "schedules: members remove schedules". */
drop policy if exists "schedules: members remove schedules" on public.ultaura_schedules;
create policy "schedules: members remove schedules" on public.ultaura_schedules
  for delete to authenticated using (public.ultaura_is_account_member(account_id));

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_schedules from anon, authenticated;
grant select, delete on public.ultaura_schedules to authenticated;
grant insert (account_id, line_id, days_of_week, time_of_day, timezone, enabled, retry_policy)
  on public.ultaura_schedules to authenticated;
grant update (days_of_week, time_of_day, timezone, enabled, retry_policy) on public.ultaura_schedules to authenticated;
grant all on public.ultaura_schedules to service_role;
