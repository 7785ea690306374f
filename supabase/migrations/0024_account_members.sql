/*
  0024 account members — who shares an account, for the Account page (`GET /api/account/members`).

  Members may already read the account's rows in ultaura_account_members (RLS), but not auth.users, so
  they cannot learn each other's e-mail addresses. ultaura_account_member_list(account) is the one path
  to them: security definer, it answers only when the caller (auth.uid()) is a member of that account,
  and then only that account's members with their e-mail, role and joining time. Any other account (or
  no signed-in caller) gives no rows, the same as an account that does not exist.
*/
create or replace function public.ultaura_account_member_list(p_account_id uuid)
returns table (user_id uuid, email text, role public.ultaura_member_role, joined_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select m.user_id, u.email::text, m.role, m.created_at
  from public.ultaura_account_members m
  join auth.users u on u.id = m.user_id
  where m.account_id = p_account_id
    and exists (
      select 1 from public.ultaura_account_members me
      where me.account_id = p_account_id and me.user_id = auth.uid()
    )
  order by (m.role = 'owner') desc, m.created_at, m.user_id
$$;

revoke all on function public.ultaura_account_member_list(uuid) from public, anon, authenticated;
grant execute on function public.ultaura_account_member_list(uuid) to authenticated, service_role;
