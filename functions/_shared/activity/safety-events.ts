import type { Tx } from "../adapters/db.ts";
import { AppError } from "../http/errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

/** Safety alerts the family sees (RLS), newest first, and acknowledging them (the trigger records who). */
interface SafetyRow {
  id: string;
  line_id: string;
  call_session_id: string | null;
  tier: "low" | "medium" | "high";
  source: string;
  signals: string[];
  action_taken: string | null;
  contacts_notified_at: Date | null;
  acknowledged_at: Date | null;
  created_at: Date;
  cursor_at: string;
}

const SELECT = `select id, line_id, call_session_id, tier, source, signals, action_taken, contacts_notified_at,
  acknowledged_at, created_at, created_at::text as cursor_at from public.ultaura_safety_events`;

export async function listSafetyEvents(
  tx: Tx,
  accountIds: string[],
  options: { lineId?: string; cursor?: string; limit: number },
) {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await tx<SafetyRow[]>`
    ${tx.unsafe(SELECT)}
    where account_id = any(${accountIds}::uuid[])
      ${options.lineId ? tx`and line_id = ${options.lineId}` : tx``}
      ${after ? tx`and (created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : tx``}
    order by created_at desc, id desc
    limit ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(safetyEventJson),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

export async function acknowledgeSafetyEvent(tx: Tx, id: string, now: Date) {
  const [row] = await tx<SafetyRow[]>`
    update public.ultaura_safety_events set acknowledged_at = coalesce(acknowledged_at, ${now})
    where id = ${id}
    returning id, line_id, call_session_id, tier, source, signals, action_taken, contacts_notified_at,
      acknowledged_at, created_at, created_at::text as cursor_at`;
  if (!row) throw new AppError(404, "not_found", "No such safety alert.");
  return safetyEventJson(row);
}

function safetyEventJson(row: SafetyRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    callId: row.call_session_id,
    tier: row.tier,
    source: row.source,
    signals: row.signals,
    actionTaken: row.action_taken,
    contactsNotifiedAt: row.contacts_notified_at?.toISOString() ?? null,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
