/*
  0044: a family account holds at most 20 people — members and invitations still waiting (issue 26).

  The account's members list is read whole (the web app's Account page, GET /api/account/members): with no
  bound an owner could grow it without end, one invitation at a time, and every member's page with it. The
  cap is owned here, for every writer (the API and direct REST writes alike); functions/api reads it to say
  it. An invitation counts while it waits, so accepting one never finds the account full; a member row is
  checked too, for any other path. The account's row is locked first, so two writes at once cannot both
  pass the count.
*/
create or replace function public.ultaura_account_people_max() returns integer
language sql immutable parallel safe
as $$ select 20 $$;

create or replace function public.ultaura_account_people_within_limit() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_people integer;
begin
  perform 1 from public.ultaura_accounts where id = new.account_id for update;
  v_people := (select count(*) from public.ultaura_account_members where account_id = new.account_id);
  if tg_table_name = 'ultaura_account_invites' then
    v_people := v_people + (
      select count(*) from public.ultaura_account_invites
      where account_id = new.account_id and accepted_at is null and expires_at > now());
  end if;
  if v_people >= public.ultaura_account_people_max() then
    raise exception 'people_limit_reached' using errcode = 'P0001';
  end if;
  return new;
end;
$$;

revoke all on function public.ultaura_account_people_within_limit() from public, anon, authenticated;
revoke all on function public.ultaura_account_people_max() from public, anon;
grant execute on function public.ultaura_account_people_max() to authenticated, service_role;

create trigger ultaura_account_invites_within_limit
  before insert on public.ultaura_account_invites
  for each row execute function public.ultaura_account_people_within_limit();
create trigger ultaura_account_members_within_limit
  before insert on public.ultaura_account_members
  for each row execute function public.ultaura_account_people_within_limit();
