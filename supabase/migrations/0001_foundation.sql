/*
  0001 foundation — building blocks every later migration uses: the phone-number domain, the time-zone
  check, and the `updated_at` trigger. No tables here.

  Conventions for every migration that follows:
  - tables are `public.ultaura_*`, RLS enabled, with explicit GRANTs (nothing is granted by default);
  - `anon` is granted nothing; `authenticated` gets exactly the columns the family app writes;
    `service_role` (and the owning role the functions connect as) gets everything and bypasses RLS;
  - helper functions are `security definer` with `search_path = ''` and fully qualified names.
*/

/* E.164 phone number: a plus, a non-zero country digit, up to 15 digits in all. */
do $$
begin
  if not exists (select 1 from pg_type where typname = 'ultaura_e164' and typnamespace = 'public'::regnamespace) then
    create domain public.ultaura_e164 as text check (value ~ '^\+[1-9][0-9]{6,14}$');
  end if;
end
$$;

/*
  True when `tz` is an IANA zone this server knows. Used in CHECK constraints; the zone database only
  changes with a server upgrade, so the answer is stable for a row's lifetime.
*/
create or replace function public.ultaura_is_valid_timezone(tz text) returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
  if tz is null or tz = '' then
    return false;
  end if;
  perform now() at time zone tz;
  return true;
exception when others then
  return false;
end;
$$;

/* Keeps `updated_at` honest without trusting callers to set it. */
create or replace function public.ultaura_touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

revoke all on function public.ultaura_is_valid_timezone(text) from public, anon, authenticated;
revoke all on function public.ultaura_touch_updated_at() from public, anon, authenticated;
grant execute on function public.ultaura_is_valid_timezone(text) to authenticated, service_role;
