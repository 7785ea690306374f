/*
  0017 schedule next-run rule — the database's `ultaura_schedule_next_run` (used when a member creates or edits
  a schedule) now resolves local times exactly as the scheduler's pure `nextRunAt`
  (functions/_shared/scheduling/next-run.ts): a time skipped by a spring-forward gap runs at the first valid
  minute after the gap (not shifted by the gap's length, as `timestamp at time zone` does), and a time that
  happens twice in a fall-back overlap runs at its first occurrence. A db test compares both over a year in
  four zones.
*/

/* The instant a local wall-clock time happens in `p_tz`: overlap → the earlier; gap → the transition. */
create or replace function public.ultaura_local_instant(p_local timestamp, p_tz text) returns timestamptz
language plpgsql stable
set search_path = ''
as $$
declare
  v_guess timestamptz := p_local at time zone 'UTC';
  v_offsets interval[];
  v_offset interval;
  v_best timestamptz;
  v_candidate timestamptz;
  v_steps integer := 0;
begin
  v_offsets := array[
    ((v_guess - interval '1 day') at time zone p_tz) - ((v_guess - interval '1 day') at time zone 'UTC'),
    ((v_guess + interval '1 day') at time zone p_tz) - ((v_guess + interval '1 day') at time zone 'UTC')
  ];
  foreach v_offset in array v_offsets loop
    v_candidate := (p_local - v_offset) at time zone 'UTC';
    if (v_candidate at time zone p_tz) = p_local and (v_best is null or v_candidate < v_best) then
      v_best := v_candidate;
    end if;
  end loop;
  if v_best is not null then
    return v_best;
  end if;
  -- In a gap: from the reading after it, walk back to the first valid minute.
  v_candidate := (p_local - least(v_offsets[1], v_offsets[2])) at time zone 'UTC';
  while ((v_candidate - interval '1 minute') at time zone p_tz) > p_local and v_steps < 240 loop
    v_candidate := v_candidate - interval '1 minute';
    v_steps := v_steps + 1;
  end loop;
  return v_candidate;
end;
$$;

create or replace function public.ultaura_schedule_next_run(
  p_days smallint[], p_time time, p_tz text, p_after timestamptz
) returns timestamptz
language sql stable
set search_path = ''
as $$
  select min(candidate) from (
    select public.ultaura_local_instant(((p_after at time zone p_tz)::date + d) + p_time, p_tz) as candidate
    from generate_series(0, 8) as d
    where extract(dow from ((p_after at time zone p_tz)::date + d))::smallint = any (p_days)
  ) as c
  where candidate > p_after
$$;

revoke all on function public.ultaura_local_instant(timestamp, text) from anon, authenticated, public;
revoke all on function public.ultaura_schedule_next_run(smallint[], time, text, timestamptz) from anon, public;
grant execute on function public.ultaura_local_instant(timestamp, text) to authenticated, service_role;
grant execute on function public.ultaura_schedule_next_run(smallint[], time, text, timestamptz)
  to authenticated, service_role;
