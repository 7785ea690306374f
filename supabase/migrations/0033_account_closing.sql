/*
  0033 account closing — what outlives `DELETE /api/account`: only what law or billing needs.

  - Consents and opt-outs stay, by number: as in 0027, deleting a line sets only their `line_id` null
    (`on delete set null (line_id)`, the account keeps them while it lives), and consents gain the
    `phone_e164` they were given for, written from the line as it is deleted. Closing an account deletes
    its lines first and then releases the records from the account (`account_id` null) before the account
    row goes. An opt-out already records its number, so it is honoured if the same number is added again.
  - ultaura_closed_accounts keeps one aggregated row per closed account: its ledger totals (not the rows)
    and its Stripe customer id, for invoices and disputes after the account is gone.

  Idempotent and independent of the constraints' names: whichever migration last rebuilt these foreign
  keys, each is dropped by what it references and added again under one name.
*/
alter table public.ultaura_consents alter column account_id drop not null;
alter table public.ultaura_consents alter column line_id drop not null;
alter table public.ultaura_consents add column if not exists phone_e164 public.ultaura_e164;
alter table public.ultaura_opt_outs alter column account_id drop not null;
alter table public.ultaura_opt_outs alter column line_id drop not null;

do $$
declare
  fk record;
begin
  for fk in
    select c.conrelid::regclass as tbl, c.conname
    from pg_constraint c
    where c.contype = 'f'
      and c.conrelid in ('public.ultaura_consents'::regclass, 'public.ultaura_opt_outs'::regclass)
      and c.confrelid in ('public.ultaura_lines'::regclass, 'public.ultaura_trusted_contacts'::regclass)
  loop
    execute format('alter table %s drop constraint %I', fk.tbl, fk.conname);
  end loop;
end
$$;

alter table public.ultaura_consents add constraint ultaura_consents_line_fk
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete set null (line_id);
alter table public.ultaura_consents add constraint ultaura_consents_trusted_contact_fk
  foreign key (trusted_contact_id, account_id)
  references public.ultaura_trusted_contacts (id, account_id) on delete set null (trusted_contact_id);
alter table public.ultaura_opt_outs add constraint ultaura_opt_outs_line_fk
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete set null (line_id);

/*
  A consent given on the web names who gave it while the account lives; once the account is gone
  (account_id set null), the record stays without them (an owner's sign-in deleted after closing the
  account sets granted_by_user_id null). A trusted-contact consent outlives its contact as 0027 allows.
*/
do $$
declare
  ck record;
begin
  for ck in
    select conname from pg_constraint
    where conrelid = 'public.ultaura_consents'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%granted_by_user_id%'
  loop
    execute format('alter table public.ultaura_consents drop constraint %I', ck.conname);
  end loop;
end
$$;
alter table public.ultaura_consents add constraint ultaura_consents_web_by_user_check
  check (account_id is null or source <> 'web' or granted_by_user_id is not null);

/* Security definer: members may delete a line but cannot write consents. */
create or replace function public.ultaura_keep_consent_numbers() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.ultaura_consents set phone_e164 = old.phone_e164
  where line_id = old.id and account_id = old.account_id and phone_e164 is null;
  return old;
end;
$$;
revoke all on function public.ultaura_keep_consent_numbers() from public, anon, authenticated;
drop trigger if exists ultaura_lines_keep_consent_numbers on public.ultaura_lines;
create trigger ultaura_lines_keep_consent_numbers before delete on public.ultaura_lines
  for each row execute function public.ultaura_keep_consent_numbers();

create table if not exists public.ultaura_closed_accounts (
  account_id uuid primary key,
  closed_at timestamptz not null default now(),
  stripe_customer_id text,
  calls integer not null check (calls >= 0),
  seconds_connected bigint not null check (seconds_connected >= 0),
  billable_minutes integer not null check (billable_minutes >= 0),
  overage_minutes integer not null check (overage_minutes >= 0),
  first_call_at timestamptz,
  last_call_at timestamptz
);
alter table public.ultaura_closed_accounts enable row level security;
/* No member policy or grant: only the service path reads what a closed account left. */
revoke all on public.ultaura_closed_accounts from anon, authenticated;
