/*
  Issue 21: an owner removes a family member from the account (and withdraws invitations, which RLS already
  lets owners delete, 0014). ultaura_remove_member(account, user): owners only (42501); the account's last
  owner cannot be removed (`last_owner`), so an account is never left without one. False when the user is
  not a member.
*/
create or replace function public.ultaura_remove_member(p_account_id uuid, p_user_id uuid)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_role public.ultaura_member_role;
begin
  if not public.ultaura_is_account_owner(p_account_id) then
    raise exception 'owner_only' using errcode = '42501';
  end if;
  -- Serialised per account, so two owners cannot remove each other at once.
  perform 1 from public.ultaura_accounts where id = p_account_id for update;
  select role into v_role from public.ultaura_account_members
  where account_id = p_account_id and user_id = p_user_id;
  if not found then
    return false;
  end if;
  if v_role = 'owner' and (
    select count(*) from public.ultaura_account_members where account_id = p_account_id and role = 'owner'
  ) <= 1 then
    raise exception 'last_owner' using errcode = 'P0001';
  end if;
  delete from public.ultaura_account_members where account_id = p_account_id and user_id = p_user_id;
  return true;
end;
$$;
revoke all on function public.ultaura_remove_member(uuid, uuid) from public, anon;
grant execute on function public.ultaura_remove_member(uuid, uuid) to authenticated, service_role;
