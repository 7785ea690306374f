/*
  0014 family access — what the family API needs beyond the data model: one owned (trial) account per
  user enforced by the database itself, invitations that let a second family member share an account,
  and pausing or resuming a line's calls.

  Invites: an owner invites an e-mail address; the invitee, signed in with that address, accepts with
  the token from the invitation (only its SHA-256 is stored) and becomes a `member`: sees everything and
  edits lines and schedules, but not billing or membership (those check `ultaura_is_account_owner`).
*/

/* One owned account per user, whatever path creates it: the free trial cannot be farmed. */
create unique index if not exists ultaura_account_members_one_owned_idx
  on public.ultaura_account_members (user_id) where role = 'owner';

/* ultaura_account_invites — pending and accepted invitations to join an account as a member. */
create table if not exists public.ultaura_account_invites (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  email text not null check (length(email) between 3 and 320 and email = lower(email) and email like '%_@_%'),
  role public.ultaura_member_role not null default 'member' check (role = 'member'),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null
);
create index if not exists ultaura_account_invites_account_idx on public.ultaura_account_invites (account_id);

/*
  ultaura_accept_invite(token_hash) — the invitee joins: the invite must be unexpired, unused, and for
  the caller's own e-mail (from the verified JWT). Security definer: the invitee cannot see the invite
  or write memberships otherwise. Returns the account id; raises `invite_invalid` for any mismatch so a
  guesser learns nothing about which part failed.
*/
create or replace function public.ultaura_accept_invite(p_token_hash text) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_email text := lower(coalesce(auth.jwt() ->> 'email', ''));
  v_invite public.ultaura_account_invites%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select * into v_invite from public.ultaura_account_invites
  where token_hash = p_token_hash and accepted_at is null and expires_at > now() and email = v_email
  for update;
  if not found then
    raise exception 'invite_invalid' using errcode = 'P0001';
  end if;
  insert into public.ultaura_account_members (account_id, user_id, role)
  values (v_invite.account_id, v_user, 'member')
  on conflict (account_id, user_id) do nothing;
  update public.ultaura_account_invites set accepted_at = now(), accepted_by = v_user where id = v_invite.id;
  return v_invite.account_id;
end;
$$;

/*
  ultaura_set_line_status(line, status) — members pause and resume a line's calls. Only `active` and
  `paused`; a `disabled` line (set by service paths) stays disabled. Members have no column grant on
  `status`, so this is the only member path.
*/
create or replace function public.ultaura_set_line_status(p_line_id uuid, p_status public.ultaura_line_status)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if p_status not in ('active', 'paused') then
    raise exception 'status must be active or paused' using errcode = '22023';
  end if;
  update public.ultaura_lines set status = p_status
  where id = p_line_id and status <> 'disabled' and public.ultaura_is_account_member(account_id);
  return found;
end;
$$;

alter table public.ultaura_account_invites enable row level security;

/* Policy "invites: owners see their accounts' invites". */
drop policy if exists "invites: owners see their accounts' invites" on public.ultaura_account_invites;
create policy "invites: owners see their accounts' invites" on public.ultaura_account_invites
  for select to authenticated using (public.ultaura_is_account_owner(account_id));

/* Policy "invites: owners invite, in their own name". */
drop policy if exists "invites: owners invite, in their own name" on public.ultaura_account_invites;
create policy "invites: owners invite, in their own name" on public.ultaura_account_invites
  for insert to authenticated
  with check (public.ultaura_is_account_owner(account_id) and invited_by = auth.uid());

/* Policy "invites: owners withdraw invites". */
drop policy if exists "invites: owners withdraw invites" on public.ultaura_account_invites;
create policy "invites: owners withdraw invites" on public.ultaura_account_invites
  for delete to authenticated using (public.ultaura_is_account_owner(account_id));

revoke all on public.ultaura_account_invites from anon, authenticated;
revoke all on function public.ultaura_accept_invite(text) from public, anon, authenticated;
revoke all on function public.ultaura_set_line_status(uuid, public.ultaura_line_status) from public, anon, authenticated;
grant select, delete on public.ultaura_account_invites to authenticated;
grant insert (account_id, email, role, token_hash, invited_by, expires_at) on public.ultaura_account_invites to authenticated;
grant all on public.ultaura_account_invites to service_role;
grant execute on function public.ultaura_accept_invite(text) to authenticated;
grant execute on function public.ultaura_set_line_status(uuid, public.ultaura_line_status) to authenticated;
