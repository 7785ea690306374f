/*
  0018 billing state — what billing needs beyond the ledger (0009): an owner's spending cap per cycle,
  the payment grace period, notices the family reads (crossing the included minutes, the cap reached,
  a failed payment, a suspension, more lines than the new plan allows), and retry bookkeeping for the
  overage outbox. Written by service paths (billing webhooks, metering, the reporter); owners set the cap
  and choose lines to pause through the two functions below; members read notices.
*/

/*
  ultaura_accounts.spending_cap_cents — the most overage (and pay-as-you-go) the owner allows per cycle,
  in cents; null means no cap. At the cap calls are refused at start and cut off mid-call like a trial.
  ultaura_accounts.past_due_since — when the account went past due; seven days later it is suspended.
*/
alter table public.ultaura_accounts add column if not exists spending_cap_cents integer;
alter table public.ultaura_accounts add column if not exists past_due_since timestamptz;
alter table public.ultaura_accounts drop constraint if exists ultaura_accounts_spending_cap_cents_check;
alter table public.ultaura_accounts add constraint ultaura_accounts_spending_cap_cents_check
  check (spending_cap_cents is null or spending_cap_cents in (1000, 2500, 5000, 10000));

/*
  ultaura_minute_ledger.stripe_next_attempt_at — the overage reporter retries a failed send with backoff
  and leaves the row alone until then; null means "due now".
*/
alter table public.ultaura_minute_ledger add column if not exists stripe_next_attempt_at timestamptz;
create index if not exists ultaura_minute_ledger_due_idx
  on public.ultaura_minute_ledger (stripe_next_attempt_at nulls first, created_at)
  where stripe_report_status = 'pending';

/*
  ultaura_billing_notices — what the family is told about billing. At most one notice of a kind per
  account and cycle (`cycle_start`; for one-off events the moment it happened), so crossing the included
  minutes notifies once per cycle however many calls cross it. `details` carries numbers for the message
  (e.g. lines in use and lines included).
*/
create table if not exists public.ultaura_billing_notices (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  kind text not null check (kind in (
    'included_minutes_used', 'spending_cap_reached', 'payment_failed', 'account_suspended', 'lines_over_plan'
  )),
  cycle_start timestamptz not null,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  unique (account_id, kind, cycle_start)
);
create index if not exists ultaura_billing_notices_account_idx
  on public.ultaura_billing_notices (account_id, created_at desc);

/*
  ultaura_cycle_overage(account) — overage minutes and their cost in the account's current cycle.
  Stable, security definer: used by the ledger trigger and service paths, never granted to members.
*/
create or replace function public.ultaura_cycle_overage(p_account_id uuid)
returns table (overage_minutes integer, overage_cents integer)
language sql stable security definer
set search_path = ''
as $$
  select coalesce(sum(l.overage_minutes), 0)::integer,
         (coalesce(sum(l.overage_minutes), 0) * p.overage_cents_per_minute)::integer
  from public.ultaura_accounts a
  join public.ultaura_plans p on p.id = a.plan_id
  left join public.ultaura_minute_ledger l on l.account_id = a.id and l.cycle_start = a.cycle_start
  where a.id = p_account_id
  group by p.overage_cents_per_minute
$$;

/*
  After a ledger row lands: the first overage of a paid cycle tells the family once that the included
  minutes are used up (the call itself went on); reaching the spending cap tells them why calls now stop.
*/
create or replace function public.ultaura_ledger_notices() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_cap integer;
  v_cents integer;
begin
  if new.overage_minutes = 0 then
    return new;
  end if;
  if new.billable_type = 'overage' then
    insert into public.ultaura_billing_notices (account_id, kind, cycle_start, details)
    values (new.account_id, 'included_minutes_used', new.cycle_start,
            jsonb_build_object('call_session_id', new.call_session_id))
    on conflict (account_id, kind, cycle_start) do nothing;
  end if;
  select a.spending_cap_cents into v_cap from public.ultaura_accounts a where a.id = new.account_id;
  if v_cap is not null then
    select o.overage_cents into v_cents from public.ultaura_cycle_overage(new.account_id) o;
    if v_cents >= v_cap then
      insert into public.ultaura_billing_notices (account_id, kind, cycle_start, details)
      values (new.account_id, 'spending_cap_reached', new.cycle_start,
              jsonb_build_object('cap_cents', v_cap, 'overage_cents', v_cents))
      on conflict (account_id, kind, cycle_start) do nothing;
    end if;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_minute_ledger_notices on public.ultaura_minute_ledger;
create trigger ultaura_minute_ledger_notices after insert on public.ultaura_minute_ledger
  for each row execute function public.ultaura_ledger_notices();

/*
  ultaura_set_spending_cap(account, cents) — owners only; cents is null (no cap) or one of the offered caps.
*/
create or replace function public.ultaura_set_spending_cap(p_account_id uuid, p_cap_cents integer)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if not public.ultaura_is_account_owner(p_account_id) then
    raise exception 'not_account_owner' using errcode = '42501';
  end if;
  update public.ultaura_accounts set spending_cap_cents = p_cap_cents where id = p_account_id;
end;
$$;

/*
  ultaura_pause_lines(account, line ids) — after a downgrade the owner chooses which lines to pause; nothing
  is deleted and paused lines keep their memories and schedules. Owners only. Returns the active lines left.
*/
create or replace function public.ultaura_pause_lines(p_account_id uuid, p_line_ids uuid[])
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_active integer;
begin
  if not public.ultaura_is_account_owner(p_account_id) then
    raise exception 'not_account_owner' using errcode = '42501';
  end if;
  update public.ultaura_lines set status = 'paused'
  where account_id = p_account_id and id = any (p_line_ids) and status = 'active';
  select count(*) into v_active from public.ultaura_lines where account_id = p_account_id and status = 'active';
  return v_active;
end;
$$;

alter table public.ultaura_billing_notices enable row level security;

/* Policy "billing notices: members read their accounts' notices". Nobody but the service writes them. */
drop policy if exists "billing notices: members read their accounts' notices" on public.ultaura_billing_notices;
create policy "billing notices: members read their accounts' notices" on public.ultaura_billing_notices
  for select to authenticated using (public.ultaura_is_account_member(account_id));

revoke all on public.ultaura_billing_notices from anon, authenticated;
revoke all on function public.ultaura_cycle_overage(uuid) from public, anon, authenticated;
revoke all on function public.ultaura_ledger_notices() from public, anon, authenticated;
revoke all on function public.ultaura_set_spending_cap(uuid, integer) from public, anon, authenticated;
revoke all on function public.ultaura_pause_lines(uuid, uuid[]) from public, anon, authenticated;
grant select on public.ultaura_billing_notices to authenticated;
grant all on public.ultaura_billing_notices to service_role;
grant execute on function public.ultaura_cycle_overage(uuid) to service_role;
grant execute on function public.ultaura_set_spending_cap(uuid, integer) to authenticated;
grant execute on function public.ultaura_pause_lines(uuid, uuid[]) to authenticated;
