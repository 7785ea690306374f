/*
  A line's call times are capped for every writer (issue 21: direct REST writes skipped the API's limits —
  a schedule every minute). The cap is owned here; functions/api reads it to say it. The line's row is locked
  first, so two inserts at once cannot both pass the count.
*/
create or replace function public.ultaura_schedules_per_line_max() returns integer
language sql immutable parallel safe
as $$ select 12 $$;

create or replace function public.ultaura_schedules_within_limit() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform 1 from public.ultaura_lines where id = new.line_id for update;
  if (select count(*) from public.ultaura_schedules where line_id = new.line_id)
      >= public.ultaura_schedules_per_line_max() then
    raise exception 'schedule_limit_reached' using errcode = 'P0001';
  end if;
  return new;
end;
$$;

revoke all on function public.ultaura_schedules_within_limit() from public, anon, authenticated;
revoke all on function public.ultaura_schedules_per_line_max() from public, anon;
grant execute on function public.ultaura_schedules_per_line_max() to authenticated, service_role;

create trigger ultaura_schedules_within_limit
  before insert on public.ultaura_schedules
  for each row execute function public.ultaura_schedules_within_limit();
