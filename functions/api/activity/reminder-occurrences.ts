import { ok } from "../../_shared/domain/outcome.ts";
import type { OccurrenceRow } from "../../_shared/domain/reminders/store.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { occurrenceJson } from "../lines/reminders.ts";
import type { ApiOutcome } from "../refusals.ts";
import { keysetOf, keysetPage } from "./cursor.ts";

interface ListedOccurrenceRow extends OccurrenceRow {
  line_id: string;
  text: string;
  kind: "medication" | "appointment" | "other";
  timezone: string;
  cursor_at: string;
}

/**
 * One page of the reminder occurrences of the caller's lines, newest first — what became of each
 * reminder (acknowledged, missed, given in a call, skipped), for the family's activity. Run it as the
 * member: RLS shows only their accounts' occurrences, so another family's line is an empty list.
 * Occurrences still waiting for their time are left out; a pending one whose time has come (waiting for
 * the tick, or for a retry) is under way and listed. Keyset-paged on (occurrence_at, id).
 */
export async function pageReminderOccurrences(
  tx: Tx,
  options: { lineId?: string; cursor?: string; limit: number; now: Date },
): Promise<ApiOutcome<{ items: ReturnType<typeof listedOccurrenceJson>[]; nextCursor: string | null }>> {
  const keyset = keysetOf(options);
  if (!keyset.ok) return keyset;
  const { after, limit } = keyset.value;
  const rows = await tx<ListedOccurrenceRow[]>`
    select o.id, o.reminder_id, o.line_id, o.occurrence_at, o.state, o.result, o.attempts::int as attempts,
      o.acknowledged_at, o.acknowledged_by, o.call_session_id, o.given_in_call,
      r.text, r.kind, r.timezone, o.occurrence_at::text as cursor_at
    from public.ultaura_reminder_occurrences o
    join public.ultaura_reminders r on r.id = o.reminder_id
    where (o.state <> 'pending' or o.occurrence_at <= ${options.now})
      ${options.lineId ? tx`and o.line_id = ${options.lineId}` : tx``}
      ${after ? tx`and (o.occurrence_at, o.id) < (${after.at}::text::timestamptz, ${after.id}::uuid)` : tx``}
    order by o.occurrence_at desc, o.id desc
    limit ${limit + 1}
  `;
  const { page, nextCursor } = keysetPage(rows, limit);
  return ok({ items: page.map(listedOccurrenceJson), nextCursor });
}

function listedOccurrenceJson(row: ListedOccurrenceRow) {
  return {
    ...occurrenceJson(row, row.timezone),
    lineId: row.line_id,
    text: row.text,
    kind: row.kind,
  };
}
