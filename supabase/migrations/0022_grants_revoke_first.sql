/*
  0022 grants, revoke first — a safety net after 0012 and 0016–0021.

  Older Supabase projects carry default privileges that grant every new table, sequence and function in
  `public` to `anon` and `authenticated`. Migrations 0001–0011 and 0014 start their grant blocks by
  revoking those; 0016–0021 do as well. This migration covers what those blocks do not name:
  - `ultaura_bridge_request_nonces` (0012) is service-only;
  - `anon` — granted nothing by any migration — loses every privilege on every `ultaura_*` table, view,
    sequence and function, and PUBLIC loses EXECUTE on every `ultaura_*` function (functions are granted
    to `authenticated` and `service_role` by name).
  Members' grants (`authenticated`) stay as each migration states them; tests/db/grants.db.test.ts asserts
  the privileges that must be absent on a database created with those old defaults.
*/

revoke all on public.ultaura_bridge_request_nonces from anon, authenticated;

do $$
declare
  r record;
begin
  for r in
    select c.oid::regclass as name, c.relkind
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relname like 'ultaura\_%' and c.relkind in ('r', 'v', 'm', 'S', 'p')
  loop
    if r.relkind = 'S' then
      execute format('revoke all on sequence %s from anon', r.name);
    else
      execute format('revoke all on %s from anon', r.name);
    end if;
  end loop;
  for r in
    select p.oid::regprocedure as name
    from pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.proname like 'ultaura\_%'
  loop
    execute format('revoke all on function %s from public, anon', r.name);
  end loop;
end
$$;
