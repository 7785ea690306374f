/*
  0036 (issue 21), three parts: the free trial belongs to the person's phone number (below); the invitation
  names its account and inviter to the invitee (ultaura_invite_details); a trusted contact's opt-in follows
  only the recorded consent (at the end).

  The free trial belongs to the person's phone number, not to an account or a line row.

  A trial's 20 minutes were counted per account, so a new sign-up (or a closed account's successor) with the
  same loved one's number got 20 more. Now every trial minute metered is also added to a record kept by
  number, and a trial account may use only what is left on both: its own 20 minutes and the 20 of every
  number its lines have. The record outlives lines and accounts (no foreign key), like opt-outs (0027).

  The number is never stored: the record's key is HMAC-SHA256(key, E.164) with a random 32-byte key made by
  this migration, kept in a table no API role can read and used only inside the security-definer functions
  below (nothing hands the key or a hash of a chosen number to a caller).
*/

/* ultaura_private_keys — keys the database uses and never shows: no policy, no grant to any API role. */
create table if not exists public.ultaura_private_keys (
  name text primary key,
  key bytea not null check (length(key) >= 32),
  created_at timestamptz not null default now()
);
alter table public.ultaura_private_keys enable row level security;
revoke all on public.ultaura_private_keys from public, anon, authenticated, service_role;

-- 256 bits from two random UUIDs' 122 random bits each plus their fixed bits: 244 random bits (core Postgres has no
-- gen_random_bytes without pgcrypto, which the local PGlite stack does not load).
insert into public.ultaura_private_keys (name, key)
values ('trial_number', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
on conflict (name) do nothing;

/* HMAC-SHA256 (RFC 2104) on core sha256(); checked against RFC 4231's test vectors in tests/db. */
create or replace function public.ultaura_hmac_sha256(p_key bytea, p_message bytea) returns bytea
language plpgsql immutable strict
set search_path = ''
as $$
declare
  k bytea := p_key;
  inner_pad bytea;
  outer_pad bytea;
begin
  if length(k) > 64 then
    k := sha256(k);
  end if;
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  inner_pad := k;
  outer_pad := k;
  for i in 0..63 loop
    inner_pad := set_byte(inner_pad, i, get_byte(k, i) # 54);
    outer_pad := set_byte(outer_pad, i, get_byte(k, i) # 92);
  end loop;
  return sha256(outer_pad || sha256(inner_pad || p_message));
end;
$$;

/* The trial record's key for a number: only the functions below call it. */
create or replace function public.ultaura_trial_number_key(p_e164 text) returns bytea
language sql stable security definer
set search_path = ''
as $$
  select public.ultaura_hmac_sha256(k.key, convert_to(p_e164, 'UTF8'))
  from public.ultaura_private_keys k where k.name = 'trial_number'
$$;

/*
  ultaura_trial_numbers — trial minutes metered to a number, over every account and line it was ever on.
  Written only by the ledger trigger below; read only through ultaura_trial_minutes_on_numbers.
*/
create table if not exists public.ultaura_trial_numbers (
  number_key bytea primary key check (length(number_key) = 32),
  minutes_used integer not null default 0 check (minutes_used >= 0),
  updated_at timestamptz not null default now()
);
alter table public.ultaura_trial_numbers enable row level security;
revoke all on public.ultaura_trial_numbers from public, anon, authenticated;
grant all on public.ultaura_trial_numbers to service_role;

/*
  A trial ledger row adds its minutes to the number the call was with: the line's number, or the session's
  when the line is gone (outbound: the number dialled; inbound: the caller's).
*/
create or replace function public.ultaura_meter_trial_number() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_e164 text;
begin
  if new.billable_type <> 'trial' or new.billable_minutes = 0 then
    return new;
  end if;
  select coalesce(l.phone_e164::text, case s.direction when 'outbound' then s.to_e164 else s.from_e164 end)
  into v_e164
  from public.ultaura_call_sessions s
  left join public.ultaura_lines l on l.id = coalesce(new.line_id, s.line_id)
  where s.id = new.call_session_id;
  if v_e164 is null then
    return new;
  end if;
  insert into public.ultaura_trial_numbers as t (number_key, minutes_used)
  values (public.ultaura_trial_number_key(v_e164), new.billable_minutes)
  on conflict (number_key) do update
    set minutes_used = t.minutes_used + excluded.minutes_used, updated_at = now();
  return new;
end;
$$;

drop trigger if exists ultaura_minute_ledger_trial_number on public.ultaura_minute_ledger;
create trigger ultaura_minute_ledger_trial_number after insert on public.ultaura_minute_ledger
  for each row execute function public.ultaura_meter_trial_number();

/*
  The most trial minutes used on any number of the account's lines (0 for none). A member asks only about
  their own accounts (anything else answers 0); service paths (no signed-in user) about any.
*/
create or replace function public.ultaura_trial_minutes_on_numbers(p_account_id uuid) returns integer
language sql stable security definer
set search_path = ''
as $$
  select coalesce(max(t.minutes_used), 0)::integer
  from public.ultaura_lines l
  join public.ultaura_trial_numbers t on t.number_key = public.ultaura_trial_number_key(l.phone_e164)
  where l.account_id = p_account_id
    and ((select auth.uid()) is null or p_account_id = any(public.ultaura_my_account_ids()))
$$;

/* The view's columns stay as 0009 made them; a trial's minutes left also count what its numbers used. */
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
  greatest(
    a.minutes_included - case
      when p.kind = 'trial'
        then greatest(coalesce(u.minutes_used, 0), public.ultaura_trial_minutes_on_numbers(a.id))
      else coalesce(u.minutes_used, 0)
    end,
    0
  )::integer as minutes_remaining,
  coalesce(u.overage_minutes, 0)::integer as overage_minutes
from public.ultaura_accounts a
join public.ultaura_plans p on p.id = a.plan_id
left join lateral (
  select sum(l.billable_minutes) as minutes_used, sum(l.overage_minutes) as overage_minutes
  from public.ultaura_minute_ledger l
  where l.account_id = a.id and l.cycle_start = a.cycle_start
) u on true;

revoke all on function public.ultaura_hmac_sha256(bytea, bytea) from public, anon, authenticated;
revoke all on function public.ultaura_trial_number_key(text) from public, anon, authenticated, service_role;
revoke all on function public.ultaura_meter_trial_number() from public, anon, authenticated;
revoke all on function public.ultaura_trial_minutes_on_numbers(uuid) from public, anon;
grant execute on function public.ultaura_trial_minutes_on_numbers(uuid) to authenticated, service_role;

/*
  ultaura_invite_details(token hash) — issue 21: the invitation page names the account and who invites before
  the invitee accepts. Only the invitee can read it: signed in with the invited address, the invite neither
  accepted nor expired — the same rule as ultaura_accept_invite (0014), which it does not change. No row
  otherwise, whatever the reason, so a token reveals nothing to anyone else.
*/
create or replace function public.ultaura_invite_details(p_token_hash text)
returns table (account_name text, inviter_email text)
language sql stable security definer
set search_path = ''
as $$
  select a.name, u.email::text
  from public.ultaura_account_invites i
  join public.ultaura_accounts a on a.id = i.account_id
  left join auth.users u on u.id = i.invited_by
  where i.token_hash = p_token_hash and i.accepted_at is null and i.expires_at > now()
    and (select auth.uid()) is not null
    and i.email = lower(coalesce((select auth.jwt()) ->> 'email', ''))
$$;
revoke all on function public.ultaura_invite_details(text) from public, anon;
grant execute on function public.ultaura_invite_details(text) to authenticated;

/*
  A trusted contact's opt-in to safety texts (`alerts_opted_in_at`) is no longer written by anyone through the
  API roles (issue 21): 0005 let any member set the timestamp over REST with no evidence behind it. It now
  follows the evidence only: recording a `trusted_contact_alerts` consent for the contact (the family member's
  attestation in their own name, 0006's policy) sets it — to the consent's time for a yes, to null for a no.
  The consent must be for the contact's account and its number now (0028 binds the consent to that number).
*/
revoke insert (alerts_opted_in_at), update (alerts_opted_in_at) on public.ultaura_trusted_contacts from authenticated;

create or replace function public.ultaura_contact_opt_in_from_consent() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.kind = 'trusted_contact_alerts' and new.trusted_contact_id is not null then
    update public.ultaura_trusted_contacts
    set alerts_opted_in_at = case when new.granted then new.created_at end
    where id = new.trusted_contact_id and account_id = new.account_id
      and phone_e164 is not distinct from new.phone_e164;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_consents_contact_opt_in on public.ultaura_consents;
create trigger ultaura_consents_contact_opt_in after insert on public.ultaura_consents
  for each row execute function public.ultaura_contact_opt_in_from_consent();

revoke all on function public.ultaura_contact_opt_in_from_consent() from public, anon, authenticated;
