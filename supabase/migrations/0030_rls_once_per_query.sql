/*
  0030 RLS once per query — every policy that asked `ultaura_is_account_member(account_id)` (or
  `…_owner`) asked it once per row: a security-definer SQL function with its own lookup of
  ultaura_account_members, run for each of the thousands of calls, runs or alerts a year of history
  holds, before LIMIT could stop anything. As Supabase's advice (splinter lint 0003 "auth RLS initplan",
  and "call functions with select" in its RLS guide) has it, the policies now compare the row's account
  with the caller's account ids, computed once per statement in an InitPlan:

    account_id = any ((select public.ultaura_my_account_ids())::uuid[])

  which also lets the planner use an index on account_id. Bare `auth.uid()` in a policy becomes
  `(select auth.uid())` for the same reason. Meaning is unchanged: a member sees and changes exactly the
  rows of the accounts they belong to (owners: own); tests/db/rls-matrix.db.test.ts holds every case.

  The rewrite is done on every public policy as it stands when this runs, so a policy added before it
  (in any migration up to 0029) is covered; a later policy should be written in this form directly.
*/

/* The accounts the caller belongs to (the membership table is read past RLS, as by the old helper). */
create or replace function public.ultaura_my_account_ids() returns uuid[]
language sql stable security definer
set search_path = ''
as $$
  select coalesce(array_agg(m.account_id), '{}')
  from public.ultaura_account_members m
  where m.user_id = (select auth.uid())
$$;

/* The accounts the caller owns. */
create or replace function public.ultaura_my_owned_account_ids() returns uuid[]
language sql stable security definer
set search_path = ''
as $$
  select coalesce(array_agg(m.account_id), '{}')
  from public.ultaura_account_members m
  where m.user_id = (select auth.uid()) and m.role = 'owner'
$$;

revoke all on function public.ultaura_my_account_ids() from public, anon;
revoke all on function public.ultaura_my_owned_account_ids() from public, anon;
grant execute on function public.ultaura_my_account_ids() to authenticated, service_role;
grant execute on function public.ultaura_my_owned_account_ids() to authenticated, service_role;

do $$
declare
  p record;
  rewrite text := $r$
    select regexp_replace(regexp_replace(regexp_replace($1,
      '(?<!select )auth\.uid\(\)', '(select auth.uid())', 'g'),
      'ultaura_is_account_member\((\w+)\)', '(\1 = any ((select public.ultaura_my_account_ids())::uuid[]))', 'g'),
      'ultaura_is_account_owner\((\w+)\)', '(\1 = any ((select public.ultaura_my_owned_account_ids())::uuid[]))', 'g')
  $r$;
  new_qual text;
  new_check text;
begin
  for p in
    select tablename, policyname, qual, with_check from pg_policies
    where schemaname = 'public'
      and (qual ~ 'ultaura_is_account_(member|owner)\(|auth\.uid\(\)'
        or with_check ~ 'ultaura_is_account_(member|owner)\(|auth\.uid\(\)')
  loop
    execute rewrite into new_qual using p.qual;
    execute rewrite into new_check using p.with_check;
    execute format('alter policy %I on public.%I', p.policyname, p.tablename)
      || case when new_qual is null then '' else format(' using (%s)', new_qual) end
      || case when new_check is null then '' else format(' with check (%s)', new_check) end;
  end loop;
end
$$;
