import {
  type OccurrenceRow,
  type ReminderRow,
  recentOccurrences,
} from "../../_shared/domain/reminders/store.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { localWallTime } from "./schedules.ts";

/** Each reminder's latest occurrences, grouped (one query for the whole line). */
export async function occurrencesByReminder(tx: Tx, lineId: string): Promise<Map<string, OccurrenceRow[]>> {
  const grouped = new Map<string, OccurrenceRow[]>();
  for (const row of await recentOccurrences(tx, lineId)) {
    grouped.set(row.reminder_id, [...(grouped.get(row.reminder_id) ?? []), row]);
  }
  return grouped;
}

export function occurrenceJson(row: OccurrenceRow, timezone: string) {
  return {
    id: row.id,
    reminderId: row.reminder_id,
    occurrenceAt: row.occurrence_at.toISOString(),
    occurrenceLocal: localWallTime(row.occurrence_at, timezone),
    state: row.state as "pending",
    result: row.result,
    attempts: row.attempts,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    givenInCall: row.given_in_call,
  };
}

export function reminderJson(row: ReminderRow, recent: readonly OccurrenceRow[] = []) {
  return {
    id: row.id,
    lineId: row.line_id,
    text: row.text,
    kind: row.kind,
    once: row.once_local,
    daysOfWeek: row.days_of_week,
    times: row.times,
    timezone: row.timezone,
    requireAck: row.require_ack,
    retries: row.retries,
    retryMinutes: row.retry_minutes,
    notifyOnMiss: row.notify_on_miss,
    setBy: row.set_by,
    paused: row.paused,
    nextAt: row.next_due_at?.toISOString() ?? null,
    nextLocal: row.next_due_at ? localWallTime(row.next_due_at, row.timezone) : null,
    recent: recent.map((o) => occurrenceJson(o, row.timezone)),
  };
}
