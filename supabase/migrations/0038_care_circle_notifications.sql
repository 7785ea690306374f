/*
  0038 care circle (issue 22): what reaches family members and trusted contacts outside the app.

  - ultaura_member_notification_settings: per signed-in user, the phone their texts go to (verified with a
    Twilio Verify code, as lines are), their language, and which kinds of notice reach them.
  - ultaura_notifications: one row per (account, kind, subject) — a notice is decided once. The unique key
    is what makes duplicated status callbacks, ticks and retries send nothing twice.
  - ultaura_member_alerts: the in-app alert each member who asked for that kind receives for a notice, with
    what became of its text message.
  - ultaura_sms_log / ultaura_sms_opt_outs: an SMS reply of STOP stops the kind of text last sent to that
    number; START resumes them.
*/

/*
  ultaura_member_notification_settings — one row per user (all their accounts share it). `kinds` ⊆ the
  notice kinds; texts go only to a verified `phone_e164`. Changing the phone clears its verification.
*/
create table if not exists public.ultaura_member_notification_settings (
  user_id uuid primary key references auth.users (id) on delete cascade,
  language text not null default 'en' check (language in ('en', 'es')),
  phone_e164 public.ultaura_e164,
  phone_verified_at timestamptz,
  -- The member's own time zone (IANA); the owner's decides when the weekly digest goes out. Null: the zone
  -- of the account's first line.
  timezone text check (timezone is null or length(timezone) between 1 and 64),
  -- Wrong codes checked since the last code was sent (Twilio Verify allows five), for "n attempts left".
  code_checks smallint not null default 0,
  kinds text[] not null default '{}'
    check (kinds <@ array['missed_calls', 'weekly_digest', 'safety', 'billing', 'reminders']::text[]),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (phone_verified_at is null or phone_e164 is not null)
);
comment on table public.ultaura_member_notification_settings is
  'Per user: the verified phone their notices are texted to, their language, and the kinds they asked for.';

drop trigger if exists ultaura_member_notification_settings_touch on public.ultaura_member_notification_settings;
create trigger ultaura_member_notification_settings_touch before update on public.ultaura_member_notification_settings
  for each row execute function public.ultaura_touch_updated_at();

/* A new number is unverified until its code is checked (service path only sets phone_verified_at). */
create or replace function public.ultaura_member_phone_unverify() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.phone_e164 is distinct from old.phone_e164 then
    if tg_op = 'INSERT' or new.phone_verified_at is not distinct from old.phone_verified_at then
      new.phone_verified_at := null;
    end if;
  end if;
  return new;
end;
$$;
drop trigger if exists ultaura_member_phone_unverify on public.ultaura_member_notification_settings;
create trigger ultaura_member_phone_unverify before insert or update of phone_e164
  on public.ultaura_member_notification_settings
  for each row execute function public.ultaura_member_phone_unverify();

/* ultaura_notifications — a notice decided for an account, once per (kind, subject). Service paths only. */
create table if not exists public.ultaura_notifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  kind text not null check (kind in ('missed_calls', 'weekly_digest', 'safety', 'billing', 'reminders')),
  subject_key text not null check (length(subject_key) between 1 and 200),
  line_id uuid references public.ultaura_lines (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (account_id, kind, subject_key)
);

/*
  ultaura_member_alerts — the in-app alert one member got for one notice, in their language, and its text:
  `sms` is `pending` (decided, not yet sent), `sent`, `failed`, `opted_out` (they replied STOP to this
  kind), or `none` (no verified phone).
*/
create table if not exists public.ultaura_member_alerts (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references public.ultaura_notifications (id) on delete cascade,
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null,
  line_id uuid references public.ultaura_lines (id) on delete set null,
  body text not null check (length(body) between 1 and 1600),
  sms text not null default 'none' check (sms in ('none', 'pending', 'sent', 'failed', 'opted_out')),
  read_at timestamptz,
  created_at timestamptz not null default now(),
  unique (notification_id, user_id)
);
create index if not exists ultaura_member_alerts_user_idx on public.ultaura_member_alerts (user_id, created_at desc);
create index if not exists ultaura_member_alerts_account_idx on public.ultaura_member_alerts (account_id);

/*
  ultaura_sms_log — which kind of message went to which number, so an SMS reply of STOP stops that kind
  (the newest one sent to the number); ultaura_sms_opt_outs — the kinds a number said STOP to, until START.
  Kept by number, like call opt-outs (0027): they outlive the member or contact. Service paths only.
*/
create table if not exists public.ultaura_sms_log (
  id uuid primary key default gen_random_uuid(),
  phone_e164 public.ultaura_e164 not null,
  kind text not null check (kind in ('missed_calls', 'weekly_digest', 'safety', 'billing', 'reminders')),
  created_at timestamptz not null default clock_timestamp()
);
create index if not exists ultaura_sms_log_phone_idx on public.ultaura_sms_log (phone_e164, created_at desc);

create table if not exists public.ultaura_sms_opt_outs (
  phone_e164 public.ultaura_e164 not null,
  kind text not null check (kind in ('missed_calls', 'weekly_digest', 'safety', 'billing', 'reminders')),
  created_at timestamptz not null default now(),
  primary key (phone_e164, kind)
);

alter table public.ultaura_sms_log enable row level security;
alter table public.ultaura_sms_opt_outs enable row level security;
revoke all on public.ultaura_sms_log, public.ultaura_sms_opt_outs from anon, authenticated;
grant all on public.ultaura_sms_log, public.ultaura_sms_opt_outs to service_role;

alter table public.ultaura_member_notification_settings enable row level security;
alter table public.ultaura_notifications enable row level security;
alter table public.ultaura_member_alerts enable row level security;

/* Policy "member settings: each user reads their own". */
drop policy if exists "member settings: each user reads their own" on public.ultaura_member_notification_settings;
create policy "member settings: each user reads their own" on public.ultaura_member_notification_settings
  for select to authenticated using (user_id = (select auth.uid()));
/* Policy "member settings: each user creates their own". */
drop policy if exists "member settings: each user creates their own" on public.ultaura_member_notification_settings;
create policy "member settings: each user creates their own" on public.ultaura_member_notification_settings
  for insert to authenticated with check (user_id = (select auth.uid()));
/* Policy "member settings: each user edits their own". */
drop policy if exists "member settings: each user edits their own" on public.ultaura_member_notification_settings;
create policy "member settings: each user edits their own" on public.ultaura_member_notification_settings
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

/* ultaura_notifications has no member policy: the service paths decide notices. */

/* Policy "member alerts: each member reads their own, in accounts they still belong to". */
drop policy if exists "member alerts: each member reads their own" on public.ultaura_member_alerts;
create policy "member alerts: each member reads their own" on public.ultaura_member_alerts
  for select to authenticated
  using (user_id = (select auth.uid()) and account_id = any ((select public.ultaura_my_account_ids())::uuid[]));
/* Policy "member alerts: each member marks their own read". */
drop policy if exists "member alerts: each member marks their own read" on public.ultaura_member_alerts;
create policy "member alerts: each member marks their own read" on public.ultaura_member_alerts
  for update to authenticated
  using (user_id = (select auth.uid()) and account_id = any ((select public.ultaura_my_account_ids())::uuid[]))
  with check (user_id = (select auth.uid()));

revoke all on public.ultaura_member_notification_settings, public.ultaura_notifications,
  public.ultaura_member_alerts from anon, authenticated;
revoke all on function public.ultaura_member_phone_unverify() from public, anon, authenticated;
grant select on public.ultaura_member_notification_settings, public.ultaura_member_alerts to authenticated;
grant insert (user_id, language, phone_e164, kinds, timezone) on public.ultaura_member_notification_settings to authenticated;
grant update (language, phone_e164, kinds, timezone) on public.ultaura_member_notification_settings to authenticated;
grant update (read_at) on public.ultaura_member_alerts to authenticated;
grant all on public.ultaura_member_notification_settings, public.ultaura_notifications,
  public.ultaura_member_alerts to service_role;

/*
  Missed-call escalation. The scheduler's tick finds runs whose last attempt went unanswered (outcome
  `missed`, result no_answer / busy / failed) and notifies once per run (ultaura_notifications' key). Two
  missed days in a row also reach the trusted contacts who opted in to missed-call texts
  (`notify_missed_calls`, with the same consent evidence as safety texts, 0028).
*/
create index if not exists ultaura_schedule_runs_missed_idx on public.ultaura_schedule_runs (updated_at)
  where outcome = 'missed';
alter table public.ultaura_trusted_contacts add column if not exists notify_missed_calls boolean not null default false;
comment on column public.ultaura_trusted_contacts.notify_missed_calls is
  'The contact asked to be texted when the person''s scheduled calls go unanswered two days in a row.';
grant insert (notify_missed_calls), update (notify_missed_calls) on public.ultaura_trusted_contacts to authenticated;

/*
  Holidays: ultaura_line_pauses — dated ranges (inclusive, in the line's own time zone) when a line is not
  called: the dialler settles a scheduled run falling in one as `skipped_paused`, so it raises no missed-call
  notice, and the schedule's next run after the range is dialled as usual. Members manage their lines' pauses.
*/
alter type public.ultaura_schedule_result add value if not exists 'skipped_paused';

create table if not exists public.ultaura_line_pauses (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  starts_on date not null,
  ends_on date not null,
  note text check (note is null or length(note) between 1 and 200),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on and ends_on - starts_on <= 365),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_line_pauses_line_idx on public.ultaura_line_pauses (line_id, ends_on);

/* Whether the line is paused at `p_at`, judged by the date in the line's own time zone. */
create or replace function public.ultaura_line_paused(p_line_id uuid, p_at timestamptz) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.ultaura_line_pauses p join public.ultaura_lines l on l.id = p.line_id
    where p.line_id = p_line_id
      and (p_at at time zone l.timezone)::date between p.starts_on and p.ends_on
  );
$$;

alter table public.ultaura_line_pauses enable row level security;

/* Policy "pauses: members read their lines' pauses". */
drop policy if exists "pauses: members read their lines' pauses" on public.ultaura_line_pauses;
create policy "pauses: members read their lines' pauses" on public.ultaura_line_pauses
  for select to authenticated using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));
/* Policy "pauses: members plan pauses" — the composite key keeps the line in the same account. */
drop policy if exists "pauses: members plan pauses" on public.ultaura_line_pauses;
create policy "pauses: members plan pauses" on public.ultaura_line_pauses
  for insert to authenticated with check (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));
/* Policy "pauses: members remove pauses". */
drop policy if exists "pauses: members remove pauses" on public.ultaura_line_pauses;
create policy "pauses: members remove pauses" on public.ultaura_line_pauses
  for delete to authenticated using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

revoke all on public.ultaura_line_pauses from anon, authenticated;
revoke all on function public.ultaura_line_paused(uuid, timestamptz) from public, anon, authenticated;
grant select, delete on public.ultaura_line_pauses to authenticated;
grant insert (account_id, line_id, starts_on, ends_on, note, created_by) on public.ultaura_line_pauses to authenticated;
grant all on public.ultaura_line_pauses to service_role;
grant execute on function public.ultaura_line_paused(uuid, timestamptz) to service_role;

/*
  Alert tiers that do what they say: a trusted contact chooses the lowest tier that reaches them, and every
  tier above it reaches them too — `notify_on` always holds that tier and all above it (an emergency
  reaches a contact who chose "medium"). Emergency and high are texted at once (one per call, as before),
  medium at most once a day in a summary, low only in the weekly digest. Existing rows become the choice
  of their lowest tier.
*/
create or replace function public.ultaura_trusted_contacts_tiers_upward() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if cardinality(new.notify_on) > 0 then
    new.notify_on := enum_range(
      (select min(t) from unnest(new.notify_on) as t), null::public.ultaura_safety_tier);
  end if;
  return new;
end;
$$;
drop trigger if exists ultaura_trusted_contacts_tiers_upward on public.ultaura_trusted_contacts;
create trigger ultaura_trusted_contacts_tiers_upward before insert or update of notify_on
  on public.ultaura_trusted_contacts
  for each row execute function public.ultaura_trusted_contacts_tiers_upward();
revoke all on function public.ultaura_trusted_contacts_tiers_upward() from public, anon, authenticated;

alter table public.ultaura_trusted_contacts alter column notify_on set default '{high,emergency}';
update public.ultaura_trusted_contacts set notify_on = notify_on
  where cardinality(notify_on) > 0
    and notify_on is distinct from enum_range(
      (select min(t) from unnest(notify_on) as t), null::public.ultaura_safety_tier);

/*
  Weekly digest: the scheduler's tick sends each account's summary of the week before once the account
  owner's Monday has reached 08:00 in their zone (ultaura_notifications' key `week:<that Monday>`, so
  duplicated or late ticks send it once). The time zone is the owner's own setting, else the account's
  first line's.
*/
create or replace function public.ultaura_account_zone(p_account_id uuid) returns text
language sql stable security definer
set search_path = ''
as $$
  select coalesce(
    (select s.timezone from public.ultaura_account_members m
      join public.ultaura_member_notification_settings s on s.user_id = m.user_id
      where m.account_id = p_account_id and m.role = 'owner' and s.timezone is not null
      order by m.created_at limit 1),
    (select l.timezone from public.ultaura_lines l where l.account_id = p_account_id
      order by l.created_at, l.id limit 1),
    'America/New_York');
$$;
revoke all on function public.ultaura_account_zone(uuid) from public, anon, authenticated;
grant execute on function public.ultaura_account_zone(uuid) to service_role;
