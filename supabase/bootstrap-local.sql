/*
  bootstrap-local.sql — what Supabase provides in production and a bare Postgres (PGlite, a CI
  PostgreSQL 15) does not: the API roles, the `auth` schema with `auth.users`, and the helpers
  `auth.uid()`, `auth.jwt()`, `auth.role()` that RLS policies call.

  Never run against Supabase itself (scripts/db/migrate.ts skips it when `auth` already exists).
  Idempotent: roles are cluster-wide on a real server, so several test databases share them.
*/

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting role switches into the API roles with `set local role`, as PostgREST's authenticator does.
grant anon, authenticated, service_role to current_user;

create schema if not exists auth;

/*
  auth.users — the subset of Supabase Auth's user table that our schema references (foreign keys from
  account membership) and that local sign-in reads.
*/
create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  aud text not null default 'authenticated',
  role text not null default 'authenticated',
  email text unique,
  encrypted_password text,
  email_confirmed_at timestamptz,
  raw_app_meta_data jsonb not null default '{}'::jsonb,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

/* The verified JWT claims of the current request, as PostgREST sets them per transaction. */
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;

/* The user id (`sub`) of the current request, or null for anon and service paths. */
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;

/* The role claim of the current request (`anon`, `authenticated`, `service_role`). */
create or replace function auth.role() returns text
language sql stable
as $$
  select nullif(auth.jwt() ->> 'role', '')
$$;

-- Supabase's defaults: every API role may resolve names in `public` and call the auth helpers; tables are
-- granted table by table in the migrations (new tables get no automatic grants since October 2026).
grant usage on schema public to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;
grant all on auth.users to service_role;
