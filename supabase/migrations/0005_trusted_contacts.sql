/*
  0005 trusted contacts — people the family names to be told (by SMS) when a call raises a high-tier
  safety concern. A contact is alerted only when `alerts_opted_in_at` is set: the family confirms the
  contact agreed, and a matching `trusted_contact_alerts` consent row records who said so (see 0006).
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_safety_tier') then
    create type public.ultaura_safety_tier as enum ('low', 'medium', 'high');
  end if;
end
$$;

/* ultaura_trusted_contacts — a line's trusted contacts; `notify_on` lists the tiers that alert them. */
create table if not exists public.ultaura_trusted_contacts (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  phone_e164 public.ultaura_e164 not null,
  relationship text check (relationship is null or length(relationship) <= 60),
  notify_on public.ultaura_safety_tier[] not null default '{high}',
  alerts_opted_in_at timestamptz,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (line_id, phone_e164),
  unique (id, account_id),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_trusted_contacts_account_idx on public.ultaura_trusted_contacts (account_id);

drop trigger if exists ultaura_trusted_contacts_touch on public.ultaura_trusted_contacts;
create trigger ultaura_trusted_contacts_touch before update on public.ultaura_trusted_contacts
  for each row execute function public.ultaura_touch_updated_at();

alter table public.ultaura_trusted_contacts enable row level security;

/* Policy "contacts: members read their lines' trusted contacts". */
drop policy if exists "contacts: members read their lines' trusted contacts" on public.ultaura_trusted_contacts;
create policy "contacts: members read their lines' trusted contacts" on public.ultaura_trusted_contacts
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Policy "contacts: members add trusted contacts" — the composite key keeps the line in the same account. */
drop policy if exists "contacts: members add trusted contacts" on public.ultaura_trusted_contacts;
create policy "contacts: members add trusted contacts" on public.ultaura_trusted_contacts
  for insert to authenticated with check (public.ultaura_is_account_member(account_id));

/* Policy "contacts: members edit trusted contacts". */
drop policy if exists "contacts: members edit trusted contacts" on public.ultaura_trusted_contacts;
create policy "contacts: members edit trusted contacts" on public.ultaura_trusted_contacts
  for update to authenticated
  using (public.ultaura_is_account_member(account_id))
  with check (public.ultaura_is_account_member(account_id));

/* Policy "contacts: members remove trusted contacts". */
drop policy if exists "contacts: members remove trusted contacts" on public.ultaura_trusted_contacts;
create policy "contacts: members remove trusted contacts" on public.ultaura_trusted_contacts
  for delete to authenticated using (public.ultaura_is_account_member(account_id));

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_trusted_contacts from anon, authenticated;
grant select, delete on public.ultaura_trusted_contacts to authenticated;
grant insert (account_id, line_id, name, phone_e164, relationship, notify_on, alerts_opted_in_at, enabled)
  on public.ultaura_trusted_contacts to authenticated;
grant update (name, phone_e164, relationship, notify_on, alerts_opted_in_at, enabled)
  on public.ultaura_trusted_contacts to authenticated;
grant all on public.ultaura_trusted_contacts to service_role;
