import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";

/**
 * How a line's weeks went, oldest first, ending with the current week: weeks start on Monday in the line's
 * own time zone. Read as the user (RLS decides whether the line exists for them). Test calls are left out;
 * "missed" is a call we placed that nobody answered (no answer, busy, failed, or a voicemail).
 */
interface WeekRow {
  week_start: string;
  mood: string | null;
  moods: number;
  minutes: number;
  answered: number;
  missed: number;
}

export async function weeklyInsights(tx: Tx, lineId: string, weeks: number, now: Date) {
  const [line] = await tx<{ timezone: string }[]>`
    select timezone from public.ultaura_lines where id = ${lineId}`;
  if (!line) return refused({ code: "not_found", thing: "line" } as const);
  const rows = await tx<WeekRow[]>`
    with bounds as (
      select gs::date as week_start,
        (gs::timestamp at time zone ${line.timezone}) as from_at,
        ((gs + interval '7 days')::timestamp at time zone ${line.timezone}) as to_at
      from generate_series(
        date_trunc('week', (${now}::timestamptz at time zone ${line.timezone})) - make_interval(weeks => ${weeks - 1}),
        date_trunc('week', (${now}::timestamptz at time zone ${line.timezone})),
        interval '7 days') gs
    ),
    calls as (
      select s.id, coalesce(s.answered_at, s.started_at, s.created_at) as at, s.status, s.answered_by,
        s.end_reason, s.answered_at, coalesce(s.seconds_connected, 0) as seconds, s.direction
      from public.ultaura_call_sessions s
      where s.line_id = ${lineId} and not s.is_test
        and s.created_at >= (select min(from_at) from bounds) - interval '1 day'
    )
    select b.week_start::text as week_start,
      (select round(avg(i.mood), 1)::text from public.ultaura_call_insights i
        join calls c on c.id = i.call_session_id
        where c.at >= b.from_at and c.at < b.to_at and i.mood is not null) as mood,
      (select count(*)::int from public.ultaura_call_insights i
        join calls c on c.id = i.call_session_id
        where c.at >= b.from_at and c.at < b.to_at and i.mood is not null) as moods,
      coalesce((select sum(ceil(c.seconds / 60.0))::int from calls c
        where c.at >= b.from_at and c.at < b.to_at and c.seconds > 0), 0) as minutes,
      (select count(*)::int from calls c where c.at >= b.from_at and c.at < b.to_at
        and c.status = 'completed' and (c.answered_at is not null or c.seconds > 0)
        and c.answered_by is distinct from 'machine' and c.end_reason is distinct from 'voicemail') as answered,
      (select count(*)::int from calls c where c.at >= b.from_at and c.at < b.to_at and c.direction = 'outbound'
        and (c.status in ('no_answer', 'busy', 'failed')
          or c.answered_by = 'machine' or c.end_reason = 'voicemail'
          or (c.status = 'completed' and c.answered_at is null and c.seconds = 0))) as missed
    from bounds b order by b.week_start`;
  return ok({
    lineId,
    timezone: line.timezone,
    weeks: rows.map((row) => ({
      weekStart: row.week_start,
      mood: row.mood === null ? null : Number(row.mood),
      moodCalls: row.moods,
      minutes: row.minutes,
      answered: row.answered,
      missed: row.missed,
    })),
  });
}
