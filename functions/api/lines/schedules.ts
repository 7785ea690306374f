import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import type { LineRow } from "./lines.ts";

/**
 * A line's call schedules, as the caller (RLS). Times are "HH:MM" in the line's own zone; the database
 * trigger plans `next_run_at` on every change (DST included), so the answer shows when the next call is.
 */
export interface ScheduleRow {
  id: string;
  line_id: string;
  days_of_week: number[];
  time_of_day: string;
  timezone: string;
  enabled: boolean;
  next_run_at: Date | null;
}

const COLUMNS = `id, line_id, days_of_week::int[] as days_of_week, to_char(time_of_day, 'HH24:MI') as time_of_day,
  timezone, enabled, next_run_at`;

/** A page of the line's schedules, oldest first, keyset paged on (created_at, id). */
export function listSchedules(
  tx: Tx,
  lineId: string,
  page: { after: { at: string; id: string } | null; limit: number },
): Promise<(ScheduleRow & { cursor_at: string })[]> {
  return tx<(ScheduleRow & { cursor_at: string })[]>`
    select ${tx.unsafe(COLUMNS)}, created_at::text as cursor_at from public.ultaura_schedules
    where line_id = ${lineId}
      ${page.after ? tx`and (created_at, id) > (${page.after.at}::text::timestamptz, ${page.after.id}::uuid)` : tx``}
    order by created_at, id
    limit ${page.limit + 1}`;
}

export async function getSchedule(tx: Tx, id: string): Promise<ApiOutcome<ScheduleRow>> {
  const [row] = await tx<
    ScheduleRow[]
  >`select ${tx.unsafe(COLUMNS)} from public.ultaura_schedules where id = ${id}`;
  return row ? ok(row) : refused({ code: "not_found", thing: "schedule" });
}

/** A schedule the caller just wrote (and so can read). */
async function readBack(tx: Tx, id: string): Promise<ScheduleRow> {
  const schedule = await getSchedule(tx, id);
  if (!schedule.ok) throw new Error(`schedule ${id} not readable after writing it`);
  return schedule.value;
}

export async function createSchedule(
  tx: Tx,
  line: LineRow,
  fields: { daysOfWeek: number[]; localTime: string; enabled: boolean },
): Promise<ApiOutcome<ScheduleRow>> {
  try {
    // A savepoint keeps the request's transaction usable after the database's refusal (0041's cap).
    const [row] = (await tx.savepoint(
      (sp) => sp<{ id: string }[]>`
        insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone, enabled)
        values (${line.account_id}, ${line.id}, ${sortedDays(fields.daysOfWeek)}::smallint[], ${fields.localTime},
          ${line.timezone}, ${fields.enabled})
        returning id`,
    )) as { id: string }[];
    return ok(await readBack(tx, row?.id ?? ""));
  } catch (error) {
    if ((error as { message?: string }).message !== "schedule_limit_reached") throw error;
    const [limit] = await tx<{ max: number }[]>`select public.ultaura_schedules_per_line_max() as max`;
    return refused({ code: "schedule_limit_reached", max: limit?.max ?? 0 });
  }
}

export async function updateSchedule(
  tx: Tx,
  id: string,
  fields: { daysOfWeek?: number[]; localTime?: string; enabled?: boolean },
): Promise<ApiOutcome<ScheduleRow>> {
  const current = await getSchedule(tx, id);
  if (!current.ok) return current;
  const set: Record<string, unknown> = {};
  if (fields.daysOfWeek) set.days_of_week = sortedDays(fields.daysOfWeek);
  if (fields.localTime) set.time_of_day = fields.localTime;
  if (fields.enabled !== undefined) set.enabled = fields.enabled;
  if (Object.keys(set).length > 0) {
    await tx`update public.ultaura_schedules set ${tx(set as Record<string, string>)} where id = ${id}`;
  }
  return ok(await readBack(tx, id));
}

export async function deleteSchedule(tx: Tx, id: string): Promise<ApiOutcome<void>> {
  const rows = await tx`delete from public.ultaura_schedules where id = ${id} returning id`;
  return rows.length > 0 ? ok() : refused({ code: "not_found", thing: "schedule" });
}

function sortedDays(days: number[]): number[] {
  return [...days].sort((a, b) => a - b);
}

export function scheduleJson(row: ScheduleRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    daysOfWeek: row.days_of_week,
    localTime: row.time_of_day,
    timezone: row.timezone,
    enabled: row.enabled,
    nextRunAt: row.next_run_at?.toISOString() ?? null,
    nextRunLocal: row.next_run_at ? localWallTime(row.next_run_at, row.timezone) : null,
  };
}

/** "YYYY-MM-DD HH:MM" as a clock in `zone` shows `instant`. */
export function localWallTime(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
