/*
  0010 memories — what Ultaura remembers about a person, encrypted by the application
  (functions/_shared/crypto, functions/_shared/memory): AES-256-GCM under a random data key per account;
  the data key is stored only wrapped by the key-encryption key `MEMORY_KEK` (version `kek_version`).
  The database never sees plaintext or an unwrapped key. The AAD binds each ciphertext to its account,
  line and row id, so a row copied elsewhere does not decrypt.

  Private memories are for the AI only: RLS hides them from members entirely. "Forget" deletes the row.
*/

do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_memory_kind') then
    create type public.ultaura_memory_kind as enum (
      'fact', 'preference', 'person', 'event', 'health_note', 'call_summary'
    );
  end if;
end
$$;

/*
  ultaura_account_keys — an account's data keys, wrapped. `key_version` numbers the account's data keys
  (one today; a fresh one could be introduced without touching old rows); `kek_version` says which KEK
  wrapped it, and changes when a KEK rotation re-wraps the key. Never readable by members.
*/
create table if not exists public.ultaura_account_keys (
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  key_version integer not null check (key_version >= 1),
  wrapped_key bytea not null check (length(wrapped_key) = 48),
  wrap_iv bytea not null check (length(wrap_iv) = 12),
  kek_version integer not null check (kek_version >= 1),
  created_at timestamptz not null default now(),
  rewrapped_at timestamptz,
  primary key (account_id, key_version)
);
create index if not exists ultaura_account_keys_kek_idx on public.ultaura_account_keys (kek_version);

/*
  ultaura_memories — one remembered item. `ciphertext` includes the 16-byte GCM tag; `iv` is 12 random
  bytes; `key_version` names the account data key used. No plaintext column, by design.
*/
create table if not exists public.ultaura_memories (
  id uuid primary key,
  account_id uuid not null,
  line_id uuid not null,
  kind public.ultaura_memory_kind not null,
  ciphertext bytea not null check (length(ciphertext) between 17 and 70000),
  iv bytea not null check (length(iv) = 12),
  key_version integer not null,
  private boolean not null default false,
  source_call_session_id uuid references public.ultaura_call_sessions (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_recalled_at timestamptz,
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade,
  foreign key (account_id, key_version) references public.ultaura_account_keys (account_id, key_version)
);
create index if not exists ultaura_memories_line_idx on public.ultaura_memories (line_id, created_at desc);

drop trigger if exists ultaura_memories_touch on public.ultaura_memories;
create trigger ultaura_memories_touch before update on public.ultaura_memories
  for each row execute function public.ultaura_touch_updated_at();

alter table public.ultaura_account_keys enable row level security;
alter table public.ultaura_memories enable row level security;

/* ultaura_account_keys has no member policy and no member grant: wrapped keys never leave service paths. */

/*
  Policy "memories: members read non-private memories" — private rows do not exist for members.
  The family app decrypts what it may show through functions/api, which reads rows as the user (so this
  policy decides which) and unwraps the key on its service path.
*/
drop policy if exists "memories: members read non-private memories" on public.ultaura_memories;
create policy "memories: members read non-private memories" on public.ultaura_memories
  for select to authenticated using (public.ultaura_is_account_member(account_id) and not private);

/* Policy "memories: members delete non-private memories" — deletion removes the ciphertext for good. */
drop policy if exists "memories: members delete non-private memories" on public.ultaura_memories;
create policy "memories: members delete non-private memories" on public.ultaura_memories
  for delete to authenticated using (public.ultaura_is_account_member(account_id) and not private);

/* Grants: revoke first (older Supabase projects grant every new table to the API roles by default), then grant explicitly. */
revoke all on public.ultaura_memories, public.ultaura_account_keys from anon, authenticated;
grant select, delete on public.ultaura_memories to authenticated;
grant all on public.ultaura_memories, public.ultaura_account_keys to service_role;
