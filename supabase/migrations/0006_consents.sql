/*
  0006 consents and opt-outs — the evidence behind every call Ultaura places and everything it keeps.

  Consents are an append-only log: the current answer for a (line, kind[, contact]) is its newest row.
  Kinds: `ai_calls` (the family attests the person agreed to AI calls), `memory` (the person's own answer
  on a call: voice, never the family), `trusted_contact_alerts` (the contact agreed to safety texts),
  `reenable_calls` (calls resumed after an opt-out). An opt-out sets the line's `do_not_call` at once,
  whatever path recorded it; only `ultaura_reenable_calls` clears it, and it leaves a consent row.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_consent_kind') then
    create type public.ultaura_consent_kind as enum ('ai_calls', 'memory', 'trusted_contact_alerts', 'reenable_calls');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_consent_source') then
    create type public.ultaura_consent_source as enum ('web', 'voice', 'dtmf', 'sms');
  end if;
end
$$;

/*
  ultaura_consents — who consented to what, when and how. `granted = false` records a refusal (memory
  consent is asked again at most monthly after a no). `call_session_id` is the call that is the evidence
  for voice and DTMF answers (foreign key added in 0008 once call sessions exist).
*/
create table if not exists public.ultaura_consents (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  kind public.ultaura_consent_kind not null,
  granted boolean not null,
  source public.ultaura_consent_source not null,
  granted_by_user_id uuid references auth.users (id) on delete set null,
  trusted_contact_id uuid,
  call_session_id uuid,
  note text check (note is null or length(note) <= 500),
  created_at timestamptz not null default now(),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade,
  foreign key (trusted_contact_id, account_id)
    references public.ultaura_trusted_contacts (id, account_id) on delete cascade,
  check ((kind = 'trusted_contact_alerts') = (trusted_contact_id is not null)),
  check (source <> 'web' or granted_by_user_id is not null)
);
create index if not exists ultaura_consents_line_kind_idx
  on public.ultaura_consents (line_id, kind, created_at desc);

/*
  ultaura_opt_outs — "stop calling": from the person (voice, DTMF, SMS STOP) or the family (web).
  `resolved_at` is set when calls are re-enabled. Kept by number as well as line so a line re-created
  with the same number is still honoured by the scheduler.
*/
do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_opt_out_source') then
    create type public.ultaura_opt_out_source as enum ('voice', 'dtmf', 'sms', 'web');
  end if;
end
$$;

create table if not exists public.ultaura_opt_outs (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  phone_e164 public.ultaura_e164 not null,
  source public.ultaura_opt_out_source not null,
  call_session_id uuid,
  requested_by_user_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_opt_outs_phone_idx on public.ultaura_opt_outs (phone_e164) where resolved_at is null;
create index if not exists ultaura_opt_outs_line_idx on public.ultaura_opt_outs (line_id);

/*
  Any recorded opt-out stops calls to the line at once and records the number it was given for.
  Security definer because members cannot write do_not_call.
*/
create or replace function public.ultaura_apply_opt_out() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.ultaura_lines set do_not_call = true
  where id = new.line_id and account_id = new.account_id
  returning phone_e164 into new.phone_e164;
  return new;
end;
$$;

drop trigger if exists ultaura_opt_outs_apply on public.ultaura_opt_outs;
create trigger ultaura_opt_outs_apply before insert on public.ultaura_opt_outs
  for each row execute function public.ultaura_apply_opt_out();

/*
  ultaura_reenable_calls(line, note) — the account's owner resumes calls after an opt-out: records a
  `reenable_calls` consent with who (auth.uid()) and the note (e.g. "Mum asked us to turn calls back
  on"), resolves open opt-outs and clears `do_not_call`, in one step so no path can clear the flag
  without evidence. Owners only here too, since members can call it through the REST API directly.
*/
create or replace function public.ultaura_reenable_calls(p_line_id uuid, p_note text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_account uuid;
begin
  select account_id into v_account from public.ultaura_lines where id = p_line_id;
  if v_account is null or not public.ultaura_is_account_member(v_account) then
    raise exception 'line not found' using errcode = 'P0002';
  end if;
  if not public.ultaura_is_account_owner(v_account) then
    raise exception 'only the account owner can re-enable calls' using errcode = '42501';
  end if;
  if p_note is null or length(trim(p_note)) = 0 then
    raise exception 'a note saying who asked is required' using errcode = '22023';
  end if;
  insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, note)
  values (v_account, p_line_id, 'reenable_calls', true, 'web', auth.uid(), p_note);
  update public.ultaura_opt_outs set resolved_at = now() where line_id = p_line_id and resolved_at is null;
  update public.ultaura_lines set do_not_call = false where id = p_line_id;
end;
$$;

revoke all on function public.ultaura_apply_opt_out() from public, anon, authenticated;
revoke all on function public.ultaura_reenable_calls(uuid, text) from public, anon, authenticated;
grant execute on function public.ultaura_reenable_calls(uuid, text) to authenticated;

alter table public.ultaura_consents enable row level security;
alter table public.ultaura_opt_outs enable row level security;

/* Policy "consents: members read their lines' consents". */
drop policy if exists "consents: members read their lines' consents" on public.ultaura_consents;
create policy "consents: members read their lines' consents" on public.ultaura_consents
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/*
  Policy "consents: members record what they can attest" — from the web, in their own name, and only
  the kinds a family member can speak to. Memory consent is the person's own (voice, service path);
  re-enabling calls goes through ultaura_reenable_calls. No updates or deletes: it is evidence.
*/
drop policy if exists "consents: members record what they can attest" on public.ultaura_consents;
create policy "consents: members record what they can attest" on public.ultaura_consents
  for insert to authenticated with check (
    public.ultaura_is_account_member(account_id)
    and source = 'web'
    and granted_by_user_id = auth.uid()
    and kind in ('ai_calls', 'trusted_contact_alerts')
  );

/* Policy "opt-outs: members read their lines' opt-outs". */
drop policy if exists "opt-outs: members read their lines' opt-outs" on public.ultaura_opt_outs;
create policy "opt-outs: members read their lines' opt-outs" on public.ultaura_opt_outs
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Policy "opt-outs: members stop calls from the web" — in their own name; the trigger sets do_not_call. */
drop policy if exists "opt-outs: members stop calls from the web" on public.ultaura_opt_outs;
create policy "opt-outs: members stop calls from the web" on public.ultaura_opt_outs
  for insert to authenticated with check (
    public.ultaura_is_account_member(account_id) and source = 'web' and requested_by_user_id = auth.uid()
  );

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_consents, public.ultaura_opt_outs from anon, authenticated;
grant select on public.ultaura_consents to authenticated;
grant insert (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id, note)
  on public.ultaura_consents to authenticated;
grant select on public.ultaura_opt_outs to authenticated;
grant insert (account_id, line_id, source, requested_by_user_id) on public.ultaura_opt_outs to authenticated;
grant all on public.ultaura_consents, public.ultaura_opt_outs to service_role;
