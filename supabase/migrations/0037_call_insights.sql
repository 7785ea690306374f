/*
  0037 call insights and family messages (issue 22).

  After each call the model records how it went (`log_call_insights`), or — when the call ended first — the
  bridge asks the still-open model session for the same record (`source = 'fallback'`). The texts (summary,
  topics, follow-ups, the family note) are encrypted by the application exactly like memories: AES-256-GCM
  under the account's data key (ultaura_account_keys, 0010), the AAD binding account, line, the call session
  and the kind `call_insights`. Mood and energy (1–5) stay in the clear so the weekly trend is one query.

  Family messages are short notes a member leaves for the next call ("we're visiting on Sunday"); the call
  context reads the undelivered ones and the insights record marks them delivered.

  A concern the model reports only in the insights record (not during the call) is a safety event with
  `found_after_call`: the family sees it was noticed late.
*/

/*
  ultaura_call_insights — one record per call session. `private_dropped` counts insight texts the server
  dropped because they repeated a private memory or health note of the line (never stored, never shown).
*/
create table if not exists public.ultaura_call_insights (
  call_session_id uuid primary key references public.ultaura_call_sessions (id) on delete cascade,
  account_id uuid not null,
  line_id uuid not null,
  source text not null check (source in ('model', 'fallback')),
  mood smallint check (mood between 1 and 5),
  energy smallint check (energy between 1 and 5),
  ciphertext bytea not null check (length(ciphertext) between 17 and 20000),
  iv bytea not null check (length(iv) = 12),
  key_version integer not null,
  private_dropped smallint not null default 0 check (private_dropped >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade,
  foreign key (account_id, key_version) references public.ultaura_account_keys (account_id, key_version)
);
create index if not exists ultaura_call_insights_line_idx on public.ultaura_call_insights (line_id, created_at desc);

drop trigger if exists ultaura_call_insights_touch on public.ultaura_call_insights;
create trigger ultaura_call_insights_touch before update on public.ultaura_call_insights
  for each row execute function public.ultaura_touch_updated_at();

alter table public.ultaura_call_insights enable row level security;

/* Policy "insights: members read their lines' call insights" — written only by the bridge (service role). */
drop policy if exists "insights: members read their lines' call insights" on public.ultaura_call_insights;
create policy "insights: members read their lines' call insights" on public.ultaura_call_insights
  for select to authenticated
  using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

revoke all on public.ultaura_call_insights from anon, authenticated;
grant select on public.ultaura_call_insights to authenticated;
grant all on public.ultaura_call_insights to service_role;

/*
  ultaura_line_messages — a family member's note for the next call. `sender_name` is how the person will
  hear who sent it ("Anna"); `delivered_at` and `delivered_call_session_id` are set by the bridge when a
  call records that the message was passed on.
*/
create table if not exists public.ultaura_line_messages (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  line_id uuid not null,
  sender_user_id uuid default auth.uid() references auth.users (id) on delete set null,
  sender_name text not null check (char_length(btrim(sender_name)) between 1 and 60),
  body text not null check (char_length(btrim(body)) between 1 and 280),
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  delivered_call_session_id uuid references public.ultaura_call_sessions (id) on delete set null,
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_line_messages_line_idx on public.ultaura_line_messages (line_id, created_at desc);
create index if not exists ultaura_line_messages_undelivered_idx
  on public.ultaura_line_messages (line_id, created_at) where delivered_at is null;

alter table public.ultaura_line_messages enable row level security;

/* Policy "messages: members read their lines' messages". */
drop policy if exists "messages: members read their lines' messages" on public.ultaura_line_messages;
create policy "messages: members read their lines' messages" on public.ultaura_line_messages
  for select to authenticated
  using (account_id = any ((select public.ultaura_my_account_ids())::uuid[]));

/*
  Policy "messages: members write messages in their own name" — any member (not only owners) of the line's
  account; the sender is the signed-in user, and a message is written undelivered.
*/
drop policy if exists "messages: members write messages in their own name" on public.ultaura_line_messages;
create policy "messages: members write messages in their own name" on public.ultaura_line_messages
  for insert to authenticated
  with check (
    account_id = any ((select public.ultaura_my_account_ids())::uuid[])
    and sender_user_id = (select auth.uid())
    and delivered_at is null and delivered_call_session_id is null);

revoke all on public.ultaura_line_messages from anon, authenticated;
grant select on public.ultaura_line_messages to authenticated;
grant insert (account_id, line_id, sender_user_id, sender_name, body) on public.ultaura_line_messages to authenticated;
grant all on public.ultaura_line_messages to service_role;

/* A concern first reported in a call's insights record, after the call: the family sees it came late. */
alter table public.ultaura_safety_events
  add column if not exists found_after_call boolean not null default false;
