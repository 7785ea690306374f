import type { Tx } from "../../platform/db.ts";
import type { ReminderKind } from "../copy/types.ts";
import type { ReminderTiming } from "./timing.ts";

/**
 * Reminders as rows. The family API reads and writes them as the member (RLS decides which exist); the
 * bridge's tools as the service, always scoped to the call's line. `next_due_at` is planned by the
 * database on every change of timing or pause (0039), DST-correct.
 */
export interface ReminderRow {
  id: string;
  account_id: string;
  line_id: string;
  text: string;
  kind: ReminderKind;
  /** "YYYY-MM-DDTHH:MM" local, or null for a recurring reminder. */
  once_local: string | null;
  days_of_week: number[] | null;
  /** "HH:MM" local. */
  times: string[] | null;
  timezone: string;
  require_ack: boolean;
  retries: number;
  retry_minutes: number;
  notify_on_miss: boolean;
  set_by: "family" | "voice";
  paused: boolean;
  next_due_at: Date | null;
}

export interface ReminderFields {
  text: string;
  kind: ReminderKind;
  once?: string | undefined;
  daysOfWeek?: number[] | undefined;
  times?: string[] | undefined;
  requireAck?: boolean | undefined;
  retries?: number | undefined;
  retryMinutes?: number | undefined;
  notifyOnMiss?: boolean | undefined;
  paused?: boolean | undefined;
}

const COLUMNS = `id, account_id, line_id, text, kind,
  to_char(once_local, 'YYYY-MM-DD"T"HH24:MI') as once_local, days_of_week::int[] as days_of_week,
  (select array_agg(to_char(t, 'HH24:MI') order by t) from unnest(times) as t) as times,
  timezone, require_ack, retries::int as retries, retry_minutes::int as retry_minutes, notify_on_miss, set_by,
  paused, next_due_at`;

export function timingOf(row: ReminderRow): ReminderTiming {
  return row.once_local
    ? { once: row.once_local, timezone: row.timezone }
    : { daysOfWeek: row.days_of_week ?? [], times: row.times ?? [], timezone: row.timezone };
}

export async function listReminders(tx: Tx, lineId: string): Promise<ReminderRow[]> {
  return tx<ReminderRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_reminders where line_id = ${lineId} order by created_at, id`;
}

export async function findReminder(tx: Tx, id: string): Promise<ReminderRow | null> {
  const [row] = await tx<ReminderRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_reminders where id = ${id}`;
  return row ?? null;
}

/** Writes a new reminder; `setBy: "voice"` only on the service path (members' grants default it to family). */
export async function insertReminder(
  tx: Tx,
  line: { accountId: string; lineId: string; timezone: string },
  fields: ReminderFields,
  setBy: "family" | "voice" = "family",
): Promise<string> {
  const row: Record<string, unknown> = {
    account_id: line.accountId,
    line_id: line.lineId,
    timezone: line.timezone,
    ...timingColumns(fields),
    ...settingColumns(fields),
  };
  if (setBy === "voice") row.set_by = "voice";
  const [inserted] = await tx<{ id: string }[]>`
    insert into public.ultaura_reminders ${tx(row as Record<string, string>)} returning id`;
  if (!inserted) throw new Error("reminder insert returned nothing");
  return inserted.id;
}

/** Changes what was given; a new timing replaces the old one whole (once ↔ recurring). */
export async function updateReminder(tx: Tx, id: string, fields: Partial<ReminderFields>): Promise<void> {
  const set: Record<string, unknown> = { ...settingColumns(fields) };
  if (fields.once !== undefined || fields.daysOfWeek !== undefined || fields.times !== undefined)
    Object.assign(set, timingColumns(fields));
  if (Object.keys(set).length === 0) return;
  await tx`update public.ultaura_reminders set ${tx(set as Record<string, string>)} where id = ${id}`;
}

export async function deleteReminder(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx`delete from public.ultaura_reminders where id = ${id} returning id`;
  return rows.length > 0;
}

function timingColumns(fields: Partial<ReminderFields>): Record<string, unknown> {
  if (fields.once !== undefined) return { once_local: fields.once, days_of_week: null, times: null };
  return {
    once_local: null,
    days_of_week: [...new Set(fields.daysOfWeek ?? [0, 1, 2, 3, 4, 5, 6])].sort(),
    times: [...new Set(fields.times ?? [])].sort(),
  };
}

function settingColumns(fields: Partial<ReminderFields>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.text !== undefined) out.text = fields.text;
  if (fields.kind !== undefined) out.kind = fields.kind;
  if (fields.requireAck !== undefined) out.require_ack = fields.requireAck;
  if (fields.retries !== undefined) out.retries = fields.retries;
  if (fields.retryMinutes !== undefined) out.retry_minutes = fields.retryMinutes;
  if (fields.notifyOnMiss !== undefined) out.notify_on_miss = fields.notifyOnMiss;
  if (fields.paused !== undefined) out.paused = fields.paused;
  return out;
}

/** One due instant of a reminder and what became of it, as the family sees it. */
export interface OccurrenceRow {
  id: string;
  reminder_id: string;
  occurrence_at: Date;
  state: string;
  result: string | null;
  attempts: number;
  acknowledged_at: Date | null;
  acknowledged_by: "keypad" | "voice" | null;
  call_session_id: string | null;
  given_in_call: boolean;
}

/** The latest `perReminder` occurrences of each reminder of a line, newest first. */
export async function recentOccurrences(tx: Tx, lineId: string, perReminder = 5): Promise<OccurrenceRow[]> {
  return tx<OccurrenceRow[]>`
    select id, reminder_id, occurrence_at, state, result, attempts::int as attempts, acknowledged_at,
      acknowledged_by, call_session_id, given_in_call
    from (
      select o.*, row_number() over (partition by reminder_id order by occurrence_at desc) as n
      from public.ultaura_reminder_occurrences o where o.line_id = ${lineId}
    ) as ranked
    where n <= ${perReminder}
    order by occurrence_at desc`;
}
