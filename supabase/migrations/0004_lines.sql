/*
  0004 lines — the loved ones Ultaura phones, and the verification of their numbers.

  A line may be called only once its number is verified (`phone_verified_at`), which service paths set
  after Twilio Verify approves a code; changing the number clears it. The number of lines is capped by
  the account's plan. `do_not_call` is set by an opt-out (see 0005) and cleared only through
  `ultaura_reenable_calls`, never by a direct update.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_line_status') then
    create type public.ultaura_line_status as enum ('active', 'paused', 'disabled');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_voicemail_behavior') then
    -- What to do when answering-machine detection says a machine answered.
    create type public.ultaura_voicemail_behavior as enum ('leave_message', 'hang_up');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_verification_channel') then
    create type public.ultaura_verification_channel as enum ('sms', 'call');
  end if;
  if not exists (select 1 from pg_type where typname = 'ultaura_verification_status') then
    create type public.ultaura_verification_status as enum ('pending', 'approved', 'failed', 'expired', 'canceled');
  end if;
end
$$;

/*
  ultaura_lines — one person Ultaura talks to. Quiet hours are local times in the line's own zone (both
  set or both null; start > end means they wrap midnight). `interests` and `topics_to_avoid` are what the
  family entered for the conversation. `voice` is the Grok voice id.
*/
create table if not exists public.ultaura_lines (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  display_name text not null check (length(display_name) between 1 and 100),
  preferred_name text check (preferred_name is null or length(preferred_name) between 1 and 100),
  phone_e164 public.ultaura_e164 not null,
  phone_verified_at timestamptz,
  status public.ultaura_line_status not null default 'active',
  timezone text not null default 'America/New_York' check (public.ultaura_is_valid_timezone(timezone)),
  language text not null default 'en-US' check (language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
  voice text not null default 'ara' check (voice ~ '^[a-z0-9_-]{1,40}$'),
  quiet_hours_start time,
  quiet_hours_end time,
  do_not_call boolean not null default false,
  voicemail_behavior public.ultaura_voicemail_behavior not null default 'leave_message',
  interests text[] not null default '{}' check (cardinality(interests) <= 50),
  topics_to_avoid text[] not null default '{}' check (cardinality(topics_to_avoid) <= 50),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Lets child tables reference (id, account_id) so a row can never point at another account's line.
  unique (id, account_id),
  check ((quiet_hours_start is null) = (quiet_hours_end is null))
);
create index if not exists ultaura_lines_account_idx on public.ultaura_lines (account_id);
-- Inbound calls find their line by caller id: one verified line per number.
create unique index if not exists ultaura_lines_verified_phone_idx
  on public.ultaura_lines (phone_e164) where phone_verified_at is not null;

/*
  ultaura_phone_verifications — each Twilio Verify attempt for a line's number, for rate limits and audit.
  Written by functions/api on its service path after checking membership, read by members.
*/
create table if not exists public.ultaura_phone_verifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  phone_e164 public.ultaura_e164 not null,
  channel public.ultaura_verification_channel not null,
  status public.ultaura_verification_status not null default 'pending',
  twilio_verification_sid text,
  check_attempts integer not null default 0 check (check_attempts >= 0),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '10 minutes',
  approved_at timestamptz,
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_phone_verifications_line_idx
  on public.ultaura_phone_verifications (line_id, created_at desc);

drop trigger if exists ultaura_lines_touch on public.ultaura_lines;
create trigger ultaura_lines_touch before update on public.ultaura_lines
  for each row execute function public.ultaura_touch_updated_at();

/*
  Caps lines at the plan's `lines_included`. Locks the account row so two concurrent inserts cannot both
  pass the count. Security definer: the count must see every line of the account whoever inserts.
*/
create or replace function public.ultaura_enforce_line_limit() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_limit integer;
  v_count integer;
begin
  select p.lines_included into v_limit
  from public.ultaura_accounts a join public.ultaura_plans p on p.id = a.plan_id
  where a.id = new.account_id
  for update of a;
  select count(*) into v_count from public.ultaura_lines where account_id = new.account_id;
  if v_limit is not null and v_count >= v_limit then
    raise exception 'line_limit_reached' using errcode = 'P0001',
      detail = format('plan allows %s line(s)', v_limit);
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_lines_limit on public.ultaura_lines;
create trigger ultaura_lines_limit before insert on public.ultaura_lines
  for each row execute function public.ultaura_enforce_line_limit();

/* A new number must be verified again; the old number's verification says nothing about it. */
create or replace function public.ultaura_reset_line_verification() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.phone_e164 is distinct from old.phone_e164 then
    new.phone_verified_at := null;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_lines_reset_verification on public.ultaura_lines;
create trigger ultaura_lines_reset_verification before update of phone_e164 on public.ultaura_lines
  for each row execute function public.ultaura_reset_line_verification();

revoke all on function public.ultaura_enforce_line_limit() from public, anon, authenticated;
revoke all on function public.ultaura_reset_line_verification() from public, anon, authenticated;

alter table public.ultaura_lines enable row level security;
alter table public.ultaura_phone_verifications enable row level security;

/* Policy "lines: members read their lines". */
drop policy if exists "lines: members read their lines" on public.ultaura_lines;
create policy "lines: members read their lines" on public.ultaura_lines
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Policy "lines: members add lines to their accounts" — the plan's line cap is enforced by trigger. */
drop policy if exists "lines: members add lines to their accounts" on public.ultaura_lines;
create policy "lines: members add lines to their accounts" on public.ultaura_lines
  for insert to authenticated with check (public.ultaura_is_account_member(account_id));

/*
  Policy "lines: members edit their lines" — the column grants leave out verification, status and
  do_not_call; `with check` stops moving a line into an account the user does not belong to.
*/
drop policy if exists "lines: members edit their lines" on public.ultaura_lines;
create policy "lines: members edit their lines" on public.ultaura_lines
  for update to authenticated
  using (public.ultaura_is_account_member(account_id))
  with check (public.ultaura_is_account_member(account_id));

/* Policy "lines: owners remove lines" — removal deletes the line's memories, schedules and contacts. */
drop policy if exists "lines: owners remove lines" on public.ultaura_lines;
create policy "lines: owners remove lines" on public.ultaura_lines
  for delete to authenticated using (public.ultaura_is_account_owner(account_id));

/* Policy "verifications: members read their lines' verification attempts". */
drop policy if exists "verifications: members read their lines' verification attempts" on public.ultaura_phone_verifications;
create policy "verifications: members read their lines' verification attempts" on public.ultaura_phone_verifications
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_lines, public.ultaura_phone_verifications from anon, authenticated;
grant select, delete on public.ultaura_lines to authenticated;
grant insert (account_id, display_name, preferred_name, phone_e164, timezone, language, voice,
  quiet_hours_start, quiet_hours_end, voicemail_behavior, interests, topics_to_avoid)
  on public.ultaura_lines to authenticated;
grant update (display_name, preferred_name, phone_e164, timezone, language, voice,
  quiet_hours_start, quiet_hours_end, voicemail_behavior, interests, topics_to_avoid)
  on public.ultaura_lines to authenticated;
grant select on public.ultaura_phone_verifications to authenticated;
grant all on public.ultaura_lines, public.ultaura_phone_verifications to service_role;
