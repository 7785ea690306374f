/*
  0003 accounts — who pays and who may see what: accounts, their members (the family), Stripe
  subscriptions, and the membership helpers every other table's policies call.

  Account state (status, plan, minutes, cycle, Stripe ids) is written only by service paths (billing
  webhooks, metering); members may rename their account and nothing else.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_account_status') then
    create type public.ultaura_account_status as enum ('trial', 'active', 'past_due', 'suspended', 'canceled');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_member_role') then
    create type public.ultaura_member_role as enum ('owner', 'member');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_billing_interval') then
    create type public.ultaura_billing_interval as enum ('month', 'year');
  end if;
end
$$;

/*
  ultaura_accounts — a family's billing unit. `minutes_included` is copied from the plan when it changes
  (so a plan edit never rewrites a running cycle). The current cycle is [cycle_start, cycle_end); a trial
  has no cycle end: its allowance is for life. Minutes used are summed from ultaura_minute_ledger.
*/
create table if not exists public.ultaura_accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  status public.ultaura_account_status not null default 'trial',
  plan_id text not null default 'free_trial' references public.ultaura_plans (id),
  minutes_included integer not null default 20 check (minutes_included >= 0),
  cycle_start timestamptz not null default now(),
  cycle_end timestamptz check (cycle_end is null or cycle_end > cycle_start),
  stripe_customer_id text unique,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

/* ultaura_account_members — which users belong to which account, and as what. */
create table if not exists public.ultaura_account_members (
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.ultaura_member_role not null default 'member',
  created_at timestamptz not null default now(),
  primary key (account_id, user_id)
);
create index if not exists ultaura_account_members_user_idx on public.ultaura_account_members (user_id);

/*
  ultaura_subscriptions — the Stripe subscription behind a paid account, mirrored from webhooks.
  `stripe_event_created_at` is the creation time of the newest event applied, so an older event arriving
  late never overwrites newer state.
*/
create table if not exists public.ultaura_subscriptions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  plan_id text not null references public.ultaura_plans (id),
  billing_interval public.ultaura_billing_interval not null default 'month',
  stripe_subscription_id text not null unique,
  stripe_price_id text,
  status text not null check (status in (
    'incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'
  )),
  current_period_start timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  stripe_event_created_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists ultaura_subscriptions_account_idx on public.ultaura_subscriptions (account_id);

drop trigger if exists ultaura_accounts_touch on public.ultaura_accounts;
create trigger ultaura_accounts_touch before update on public.ultaura_accounts
  for each row execute function public.ultaura_touch_updated_at();
drop trigger if exists ultaura_subscriptions_touch on public.ultaura_subscriptions;
create trigger ultaura_subscriptions_touch before update on public.ultaura_subscriptions
  for each row execute function public.ultaura_touch_updated_at();

/*
  Membership helpers. Security definer so policies can consult memberships without granting members a
  view of other memberships, and so policies on ultaura_account_members do not recurse into themselves.
*/
create or replace function public.ultaura_is_account_member(p_account_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.ultaura_account_members m
    where m.account_id = p_account_id and m.user_id = auth.uid()
  )
$$;

create or replace function public.ultaura_is_account_owner(p_account_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.ultaura_account_members m
    where m.account_id = p_account_id and m.user_id = auth.uid() and m.role = 'owner'
  )
$$;

/*
  ultaura_create_account(name) — the sign-up step: creates a trial account owned by the caller. Members
  cannot insert accounts directly (they would choose their own plan and minutes). One owned account per
  user, so the free trial cannot be farmed by creating accounts.
*/
create or replace function public.ultaura_create_account(p_name text) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_account uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if exists (select 1 from public.ultaura_account_members where user_id = v_user and role = 'owner') then
    raise exception 'account_already_exists' using errcode = 'P0001';
  end if;
  insert into public.ultaura_accounts (name, status, plan_id, minutes_included, created_by)
  values (p_name, 'trial', 'free_trial', (select minutes_included from public.ultaura_plans where id = 'free_trial'), v_user)
  returning id into v_account;
  insert into public.ultaura_account_members (account_id, user_id, role) values (v_account, v_user, 'owner');
  return v_account;
end;
$$;

revoke all on function public.ultaura_is_account_member(uuid) from public, anon, authenticated;
revoke all on function public.ultaura_is_account_owner(uuid) from public, anon, authenticated;
revoke all on function public.ultaura_create_account(text) from public, anon, authenticated;
grant execute on function public.ultaura_is_account_member(uuid) to authenticated, service_role;
grant execute on function public.ultaura_is_account_owner(uuid) to authenticated, service_role;
grant execute on function public.ultaura_create_account(text) to authenticated;

alter table public.ultaura_accounts enable row level security;
alter table public.ultaura_account_members enable row level security;
alter table public.ultaura_subscriptions enable row level security;

/* Policy "accounts: members read their accounts". */
drop policy if exists "accounts: members read their accounts" on public.ultaura_accounts;
create policy "accounts: members read their accounts" on public.ultaura_accounts
  for select to authenticated using (public.ultaura_is_account_member(id));

/* Policy "accounts: members rename their accounts" — the column grant below limits the update to `name`. */
drop policy if exists "accounts: members rename their accounts" on public.ultaura_accounts;
create policy "accounts: members rename their accounts" on public.ultaura_accounts
  for update to authenticated
  using (public.ultaura_is_account_member(id))
  with check (public.ultaura_is_account_member(id));

/* Policy "members: members see who else is in their accounts". Changes go through service paths. */
drop policy if exists "members: members see who else is in their accounts" on public.ultaura_account_members;
create policy "members: members see who else is in their accounts" on public.ultaura_account_members
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Policy "subscriptions: members read their account's subscription". Written by billing webhooks only. */
drop policy if exists "subscriptions: members read their account's subscription" on public.ultaura_subscriptions;
create policy "subscriptions: members read their account's subscription" on public.ultaura_subscriptions
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_accounts, public.ultaura_account_members, public.ultaura_subscriptions from anon, authenticated;
grant select, update (name) on public.ultaura_accounts to authenticated;
grant select on public.ultaura_account_members to authenticated;
grant select on public.ultaura_subscriptions to authenticated;
grant all on public.ultaura_accounts, public.ultaura_account_members, public.ultaura_subscriptions to service_role;
