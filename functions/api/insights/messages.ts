import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";

/** Family messages for a line's next call, as members read and write them (RLS: any member of the account). */
interface MessageRow {
  id: string;
  line_id: string;
  sender_name: string;
  body: string;
  created_at: Date;
  delivered_at: Date | null;
}

const COLUMNS = "id, line_id, sender_name, body, created_at, delivered_at";

export function messageJson(row: MessageRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    from: row.sender_name,
    text: row.body,
    state: row.delivered_at ? ("delivered" as const) : ("waiting" as const),
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

export async function createMessage(tx: Tx, lineId: string, message: { from: string; text: string }) {
  const [line] = await tx<{ account_id: string }[]>`
    select account_id from public.ultaura_lines where id = ${lineId}`;
  if (!line) return refused({ code: "not_found", thing: "line" } as const);
  const [row] = await tx<MessageRow[]>`
    insert into public.ultaura_line_messages (account_id, line_id, sender_user_id, sender_name, body)
    values (${line.account_id}, ${lineId}, (select auth.uid()), ${message.from}, ${message.text})
    returning ${tx.unsafe(COLUMNS)}`;
  if (!row) throw new Error("message insert returned nothing");
  return ok(messageJson(row));
}

/** The line's newest messages first (at most `limit`). */
export async function listMessages(tx: Tx, lineId: string, limit: number) {
  const [line] = await tx`select 1 from public.ultaura_lines where id = ${lineId}`;
  if (!line) return refused({ code: "not_found", thing: "line" } as const);
  const rows = await tx<MessageRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_line_messages where line_id = ${lineId}
    order by created_at desc, id desc limit ${limit}`;
  return ok({ items: rows.map(messageJson) });
}
