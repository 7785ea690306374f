/*
  0002 plans — the catalogue of what an account can buy. Production needs these rows too, so they live
  in a migration rather than the seed. Money is integer cents, minutes are integers.

  Prices: care $19/month for 200 minutes and 1 line, comfort $49 for 600 and 2, family $99 for 1,200
  and 4; pay-as-you-go has no fee and 4 lines; overage and pay-as-you-go minutes cost 15 cents. Annual
  prices are ten monthly prices (two months free). The free trial is 20 minutes in total, never renewed.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_plan_kind') then
    -- Matches `PlanKind` in functions/_shared/contracts/bridge.ts.
    create type public.ultaura_plan_kind as enum ('trial', 'paid', 'payg');
  end if;
end
$$;

/*
  ultaura_plans — one row per plan. `minutes_included` is per billing cycle, except for the trial where it
  is the lifetime allowance. `overage_cents_per_minute` is zero when minutes beyond the allowance are
  refused (trial) rather than billed.
*/
create table if not exists public.ultaura_plans (
  id text primary key check (id ~ '^[a-z_]+$'),
  name text not null,
  kind public.ultaura_plan_kind not null,
  monthly_price_cents integer not null check (monthly_price_cents >= 0),
  annual_price_cents integer not null check (annual_price_cents >= 0),
  minutes_included integer not null check (minutes_included >= 0),
  lines_included integer not null check (lines_included between 1 and 10),
  overage_cents_per_minute integer not null check (overage_cents_per_minute >= 0),
  is_trial boolean generated always as (kind = 'trial') stored,
  active boolean not null default true,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind <> 'trial' or (monthly_price_cents = 0 and overage_cents_per_minute = 0)),
  check (kind <> 'payg' or (monthly_price_cents = 0 and minutes_included = 0))
);

drop trigger if exists ultaura_plans_touch on public.ultaura_plans;
create trigger ultaura_plans_touch before update on public.ultaura_plans
  for each row execute function public.ultaura_touch_updated_at();

insert into public.ultaura_plans
  (id, name, kind, monthly_price_cents, annual_price_cents, minutes_included, lines_included,
   overage_cents_per_minute, sort_order)
values
  ('free_trial', 'Free trial', 'trial', 0, 0, 20, 1, 0, 0),
  ('care', 'Care', 'paid', 1900, 19000, 200, 1, 15, 1),
  ('comfort', 'Comfort', 'paid', 4900, 49000, 600, 2, 15, 2),
  ('family', 'Family', 'paid', 9900, 99000, 1200, 4, 15, 3),
  ('payg', 'Pay as you go', 'payg', 0, 0, 0, 4, 15, 4)
on conflict (id) do update set
  name = excluded.name,
  kind = excluded.kind,
  monthly_price_cents = excluded.monthly_price_cents,
  annual_price_cents = excluded.annual_price_cents,
  minutes_included = excluded.minutes_included,
  lines_included = excluded.lines_included,
  overage_cents_per_minute = excluded.overage_cents_per_minute,
  sort_order = excluded.sort_order;

alter table public.ultaura_plans enable row level security;

/*
  Policy "plans: signed-in users read active plans" — the pricing page and checkout need the catalogue.
  Nobody but the service writes it; anon has no grant at all.
*/
drop policy if exists "plans: signed-in users read active plans" on public.ultaura_plans;
create policy "plans: signed-in users read active plans" on public.ultaura_plans
  for select to authenticated using (active);

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_plans from anon, authenticated;
grant select on public.ultaura_plans to authenticated;
grant all on public.ultaura_plans to service_role;
