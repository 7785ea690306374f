/*
  0011 safety — concerns noticed on calls: by the model (`log_safety_concern`), by the keyword backstop
  on transcripts, or by a key press. High tier texts the line's opted-in trusted contacts, at most once
  per call. Written by service paths; members read them and may acknowledge them.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_safety_source') then
    create type public.ultaura_safety_source as enum ('model', 'keyword', 'dtmf');
  end if;
end
$$;

/*
  ultaura_safety_events — one concern. `signals` are short labels (never memory text). `contacts_notified_at`
  is set when alerts were sent; the partial unique indexes keep alerts to one per call and keyword hits to
  one per tier per call.
*/
create table if not exists public.ultaura_safety_events (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  call_session_id uuid references public.ultaura_call_sessions (id) on delete set null,
  tier public.ultaura_safety_tier not null,
  source public.ultaura_safety_source not null,
  signals text[] not null default '{}' check (cardinality(signals) <= 20),
  action_taken text check (action_taken is null or length(action_taken) <= 500),
  contacts_notified_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_safety_events_line_idx on public.ultaura_safety_events (line_id, created_at desc);
create unique index if not exists ultaura_safety_events_keyword_once_idx
  on public.ultaura_safety_events (call_session_id, tier) where source = 'keyword';
create unique index if not exists ultaura_safety_events_notify_once_idx
  on public.ultaura_safety_events (call_session_id) where contacts_notified_at is not null;

/* Records who acknowledged, so a member cannot acknowledge in someone else's name. */
create or replace function public.ultaura_safety_events_acknowledge() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.acknowledged_at is distinct from old.acknowledged_at then
    new.acknowledged_by := case when new.acknowledged_at is null then null else auth.uid() end;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_safety_events_ack on public.ultaura_safety_events;
create trigger ultaura_safety_events_ack before update of acknowledged_at on public.ultaura_safety_events
  for each row execute function public.ultaura_safety_events_acknowledge();
revoke all on function public.ultaura_safety_events_acknowledge() from public, anon, authenticated;

alter table public.ultaura_safety_events enable row level security;

/* Policy "safety: members read their lines' safety alerts". */
drop policy if exists "safety: members read their lines' safety alerts" on public.ultaura_safety_events;
create policy "safety: members read their lines' safety alerts" on public.ultaura_safety_events
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Policy "safety: members acknowledge alerts" — only `acknowledged_at` is granted. */
drop policy if exists "safety: members acknowledge alerts" on public.ultaura_safety_events;
create policy "safety: members acknowledge alerts" on public.ultaura_safety_events
  for update to authenticated
  using (public.ultaura_is_account_member(account_id))
  with check (public.ultaura_is_account_member(account_id));

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_safety_events from anon, authenticated;
grant select, update (acknowledged_at) on public.ultaura_safety_events to authenticated;
grant all on public.ultaura_safety_events to service_role;
