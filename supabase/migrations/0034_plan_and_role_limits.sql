/*
  Issue 21: the plan's and the roles' limits held where the data is, for every writer (the API, a member
  writing through REST, a service path).

  ultaura_line_within_plan(line) — whether the line is among the first `lines_included` active lines of its
  account (oldest first). After a downgrade the newer lines beyond the plan are not rung (the dialler asks).

  ultaura_set_line_status — resuming a line refuses when the account already has as many active lines as
  its plan includes (`line_limit_reached`, as adding a line does), and a line the owner paused
  (`paused_by_owner`) is resumed by the owner only (42501).

  Tags (`interests`, `topics_to_avoid`, read into every call's instructions): each item 1–60 characters, at
  most 50 items, as the API's `tags` (functions/api/schemas.ts). NOT VALID: older rows are checked on their
  next write, so the migration cannot fail on data written before it.

  Invitations expire within 7 days of being made.
*/
alter table public.ultaura_lines add column if not exists paused_by_owner boolean not null default false;

create or replace function public.ultaura_line_within_plan(p_line_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((
    select ranked.n <= p.lines_included
    from (
      select l.id, l.account_id, row_number() over (order by l.created_at, l.id) as n
      from public.ultaura_lines l
      where l.account_id = (select x.account_id from public.ultaura_lines x where x.id = p_line_id)
        and l.status = 'active'
    ) ranked
    join public.ultaura_accounts a on a.id = ranked.account_id
    join public.ultaura_plans p on p.id = a.plan_id
    where ranked.id = p_line_id), false)
$$;
revoke all on function public.ultaura_line_within_plan(uuid) from public, anon, authenticated;
grant execute on function public.ultaura_line_within_plan(uuid) to service_role;

create or replace function public.ultaura_set_line_status(p_line_id uuid, p_status public.ultaura_line_status)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_account uuid;
  v_owner_paused boolean;
  v_included integer;
  v_active integer;
begin
  if p_status not in ('active', 'paused') then
    raise exception 'status must be active or paused' using errcode = '22023';
  end if;
  select l.account_id, l.paused_by_owner into v_account, v_owner_paused
  from public.ultaura_lines l
  where l.id = p_line_id and l.status <> 'disabled' and public.ultaura_is_account_member(l.account_id);
  if not found then
    return false;
  end if;
  if p_status = 'active' then
    if v_owner_paused and not public.ultaura_is_account_owner(v_account) then
      raise exception 'owner_paused' using errcode = '42501';
    end if;
    -- One resume at a time per account, so two cannot both slip under the plan's lines.
    select p.lines_included into v_included
    from public.ultaura_accounts a join public.ultaura_plans p on p.id = a.plan_id
    where a.id = v_account for update of a;
    select count(*) into v_active from public.ultaura_lines
    where account_id = v_account and status = 'active' and id <> p_line_id;
    if v_active >= v_included then
      raise exception 'line_limit_reached' using errcode = 'P0001';
    end if;
  end if;
  update public.ultaura_lines
  set status = p_status,
    paused_by_owner = (p_status = 'paused' and public.ultaura_is_account_owner(v_account))
  where id = p_line_id;
  return true;
end;
$$;
revoke all on function public.ultaura_set_line_status(uuid, public.ultaura_line_status) from public, anon;
grant execute on function public.ultaura_set_line_status(uuid, public.ultaura_line_status) to authenticated;

create or replace function public.ultaura_tags_fit(p_tags text[])
returns boolean
language sql immutable
set search_path = ''
as $$
  select cardinality(p_tags) <= 50
    and coalesce((select bool_and(char_length(t) between 1 and 60) from unnest(p_tags) t), true)
$$;

-- Members write tags through REST, so the CHECK's function runs as them.
revoke all on function public.ultaura_tags_fit(text[]) from public, anon;
grant execute on function public.ultaura_tags_fit(text[]) to authenticated, service_role;

alter table public.ultaura_lines drop constraint if exists ultaura_lines_interests_fit;
alter table public.ultaura_lines add constraint ultaura_lines_interests_fit
  check (public.ultaura_tags_fit(interests)) not valid;
alter table public.ultaura_lines drop constraint if exists ultaura_lines_topics_fit;
alter table public.ultaura_lines add constraint ultaura_lines_topics_fit
  check (public.ultaura_tags_fit(topics_to_avoid)) not valid;

alter table public.ultaura_account_invites drop constraint if exists ultaura_account_invites_expire_within_7_days;
alter table public.ultaura_account_invites add constraint ultaura_account_invites_expire_within_7_days
  check (expires_at <= created_at + interval '7 days') not valid;
