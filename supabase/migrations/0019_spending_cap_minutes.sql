/*
  0019 spending cap in whole minutes — the cap buys floor(cap / price per minute) whole minutes of overage
  (the minute check in functions/_shared/billing/allowance.ts counts the same way), so "cap reached" is
  when the cycle's overage minutes reach that number, even if their cost is a few cents under the cap
  ($10 at 15 cents buys 66 minutes, $9.90). Replaces 0018's ledger trigger function with that rule.
*/
create or replace function public.ultaura_ledger_notices() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_cap integer;
  v_rate integer;
  v_minutes integer;
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
  select a.spending_cap_cents, p.overage_cents_per_minute into v_cap, v_rate
  from public.ultaura_accounts a join public.ultaura_plans p on p.id = a.plan_id
  where a.id = new.account_id;
  if v_cap is not null and v_rate > 0 then
    select o.overage_minutes, o.overage_cents into v_minutes, v_cents
    from public.ultaura_cycle_overage(new.account_id) o;
    if v_minutes >= v_cap / v_rate then
      insert into public.ultaura_billing_notices (account_id, kind, cycle_start, details)
      values (new.account_id, 'spending_cap_reached', new.cycle_start,
              jsonb_build_object('cap_cents', v_cap, 'overage_cents', v_cents, 'overage_minutes', v_minutes))
      on conflict (account_id, kind, cycle_start) do nothing;
    end if;
  end if;
  return new;
end;
$$;

revoke all on function public.ultaura_ledger_notices() from public, anon, authenticated;
