import { copyFor, languageOf } from "../../_shared/domain/copy/index.ts";
import type { ReminderCopy } from "../../_shared/domain/copy/types.ts";
import type { ActiveSession } from "../../_shared/domain/sessions/bridge-session.ts";
import type { Tx } from "../../_shared/platform/db.ts";

/** A reminder's short id as the model sees it: the first 8 hex digits of its uuid. */
export function reminderRef(id: string): string {
  return id.slice(0, 8);
}

/** The line's reminder a short id names, or null; never another line's. */
export async function findLineReminder(
  tx: Tx,
  session: ActiveSession,
  ref: string,
): Promise<{ id: string; text: string; set_by: "family" | "voice" } | null> {
  if (!/^[0-9a-f]{8}$/.test(ref)) return null;
  const rows = await tx<{ id: string; text: string; set_by: "family" | "voice" }[]>`
    select id, text, set_by from public.ultaura_reminders
    where line_id = ${session.lineId} and left(id::text, 8) = ${ref}`;
  return rows.length === 1 ? (rows[0] ?? null) : null;
}

/** The words of the line's language, and its zone. */
export async function lineWords(
  tx: Tx,
  session: ActiveSession,
): Promise<{ copy: ReminderCopy; timezone: string }> {
  const [line] = await tx<{ language: string; timezone: string }[]>`
    select language, timezone from public.ultaura_lines where id = ${session.lineId}`;
  return {
    copy: copyFor(languageOf(line?.language ?? "en")).reminders,
    timezone: line?.timezone ?? "UTC",
  };
}
