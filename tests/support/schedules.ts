import type { Sql } from "../../functions/_shared/platform/db.ts";

export interface DueLinesOptions {
  count: number;
  /** Every schedule's next_run_at. */
  dueAt: Date;
  /** Distinguishes batches: ids and phone numbers derive from it. */
  batch?: number;
  timezone?: string;
}

/**
 * `count` paid, active accounts, each with one verified line (+1555<batch><6 digits>) and one daily
 * schedule due at `dueAt` — the scheduler's load. Returns the line ids.
 */
export async function insertDueLines(sql: Sql, options: DueLinesOptions): Promise<string[]> {
  const batch = options.batch ?? 1;
  const tz = options.timezone ?? "America/New_York";
  const key = (kind: string) => `'${kind}-${batch}-' || g`;
  await sql.unsafe(
    `insert into public.ultaura_accounts (id, name, status, plan_id, minutes_included)
     select md5(${key("account")})::uuid, 'Load ' || g, 'active', 'care', 200 from generate_series(1, $1) g`,
    [options.count],
  );
  const lines = await sql.unsafe<{ id: string }[]>(
    `insert into public.ultaura_lines (id, account_id, display_name, phone_e164, phone_verified_at, timezone)
     select md5(${key("line")})::uuid, md5(${key("account")})::uuid, 'Person ' || g,
            '+1555' || lpad($2::text, 1, '0') || lpad(g::text, 6, '0'), now(), $3
     from generate_series(1, $1) g
     returning id`,
    [options.count, batch % 10, tz],
  );
  await sql.unsafe(
    `insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone, next_run_at)
     select md5(${key("account")})::uuid, md5(${key("line")})::uuid, '{0,1,2,3,4,5,6}', '10:00', $3, $2
     from generate_series(1, $1) g`,
    [options.count, options.dueAt.toISOString(), tz],
  );
  return lines.map((l) => l.id);
}

/** One attempt of a line's scheduled call, as the scheduler records it. */
export interface ScheduleRun {
  attempt: number;
  state: string;
  result: string | null;
  outcome: string | null;
  due_at: Date;
}

/** The line's schedule runs, first attempt first. */
export const scheduleRuns = (sql: Sql, lineId: string) =>
  sql<ScheduleRun[]>`select attempt, state, result::text, outcome, due_at from ultaura_schedule_runs
                     where line_id = ${lineId} order by attempt`;
