/*
  0009 billing — minutes metered per call, their reporting to Stripe, and processed Stripe webhooks.
  Everything here is written by service paths only; members read their usage.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_billable_type') then
    create type public.ultaura_billable_type as enum ('trial', 'included', 'overage', 'payg');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_stripe_report_status') then
    create type public.ultaura_stripe_report_status as enum ('not_required', 'pending', 'reported', 'failed');
  end if;
end
$$;

/*
  ultaura_minute_ledger — exactly one entry per call session (unique), written when the call ends.
  billable_minutes = ceil(seconds_connected / 60). A call crossing the included allowance is split at the
  boundary: `overage_minutes` is the part beyond it (all of it for payg), and `billable_type` says which
  side dominated the classification (`overage` if any minute is overage). [cycle_start, cycle_end) is the
  account's cycle at metering time (no end for a trial). Overage minutes go to a Stripe Billing Meter
  with `stripe_identifier` as the meter event identifier, so a retried report is not counted twice.
*/
create table if not exists public.ultaura_minute_ledger (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  line_id uuid,
  call_session_id uuid not null unique,
  seconds_connected integer not null check (seconds_connected >= 0),
  billable_minutes integer not null check (billable_minutes >= 0),
  overage_minutes integer not null default 0 check (overage_minutes >= 0 and overage_minutes <= billable_minutes),
  billable_type public.ultaura_billable_type not null,
  cycle_start timestamptz not null,
  cycle_end timestamptz,
  stripe_report_status public.ultaura_stripe_report_status not null default 'not_required',
  stripe_identifier text not null unique default ('ultaura-ledger-' || gen_random_uuid()::text),
  stripe_reported_at timestamptz,
  stripe_report_attempts integer not null default 0 check (stripe_report_attempts >= 0),
  stripe_last_error text,
  created_at timestamptz not null default now(),
  foreign key (call_session_id, account_id)
    references public.ultaura_call_sessions (id, account_id) on delete cascade,
  check (billable_type in ('overage', 'payg') or overage_minutes = 0),
  check (billable_type <> 'payg' or overage_minutes = billable_minutes),
  check ((overage_minutes > 0) = (stripe_report_status <> 'not_required'))
);
create index if not exists ultaura_minute_ledger_cycle_idx on public.ultaura_minute_ledger (account_id, cycle_start);
create index if not exists ultaura_minute_ledger_report_idx
  on public.ultaura_minute_ledger (created_at) where stripe_report_status in ('pending', 'failed');

/*
  ultaura_stripe_events — Stripe webhook events already processed, by event id, so redeliveries are
  acknowledged without acting twice. `processed_at` stays null if handling failed, so a retry runs again.
*/
create table if not exists public.ultaura_stripe_events (
  id text primary key check (id ~ '^evt_'),
  type text not null,
  stripe_created_at timestamptz not null,
  object_id text,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);

/*
  ultaura_account_usage — minutes used and left in each account's current cycle (a trial's cycle is its
  whole life). A security-invoker view: callers see only the accounts RLS lets them see.
*/
create or replace view public.ultaura_account_usage with (security_invoker = true) as
select
  a.id as account_id,
  a.plan_id,
  p.kind as plan_kind,
  a.status,
  a.minutes_included,
  a.cycle_start,
  a.cycle_end,
  coalesce(u.minutes_used, 0)::integer as minutes_used,
  greatest(a.minutes_included - coalesce(u.minutes_used, 0), 0)::integer as minutes_remaining,
  coalesce(u.overage_minutes, 0)::integer as overage_minutes
from public.ultaura_accounts a
join public.ultaura_plans p on p.id = a.plan_id
left join lateral (
  select sum(l.billable_minutes) as minutes_used, sum(l.overage_minutes) as overage_minutes
  from public.ultaura_minute_ledger l
  where l.account_id = a.id and l.cycle_start = a.cycle_start
) u on true;

alter table public.ultaura_minute_ledger enable row level security;
alter table public.ultaura_stripe_events enable row level security;

/* Policy "ledger: members read their accounts' usage". No member writes: metering is the service's. */
drop policy if exists "ledger: members read their accounts' usage" on public.ultaura_minute_ledger;
create policy "ledger: members read their accounts' usage" on public.ultaura_minute_ledger
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* ultaura_stripe_events has no member policy and no member grant: the billing function only. */

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_minute_ledger, public.ultaura_stripe_events, public.ultaura_account_usage from anon, authenticated;
grant select on public.ultaura_minute_ledger to authenticated;
grant select on public.ultaura_account_usage to authenticated;
grant all on public.ultaura_minute_ledger, public.ultaura_stripe_events to service_role;
grant select on public.ultaura_account_usage to service_role;
