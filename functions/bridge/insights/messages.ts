import type { Tx } from "../../_shared/platform/db.ts";
import { messageRef } from "../memory/refs.ts";
import type { SafetySession } from "../safety/events.ts";

/** Family messages waiting for the next call, oldest first, with the short id the model reports back. */
export interface WaitingMessage {
  ref: string;
  from: string;
  text: string;
}

const MAX_WAITING = 5;

/** `tx`: service. */
export async function waitingMessages(tx: Tx, accountId: string, lineId: string): Promise<WaitingMessage[]> {
  const rows = await tx<{ id: string; sender_name: string; body: string }[]>`
    select id, sender_name, body from public.ultaura_line_messages
    where account_id = ${accountId} and line_id = ${lineId} and delivered_at is null
    order by created_at, id limit ${MAX_WAITING}`;
  return Promise.all(
    rows.map(async (row) => ({ ref: await messageRef(row.id), from: row.sender_name, text: row.body })),
  );
}

/**
 * Marks delivered the waiting messages of the session's line whose short ids (or UUIDs) the model reported;
 * anything else is ignored. Returns how many were marked.
 */
export async function markDelivered(
  tx: Tx,
  session: SafetySession,
  refs: readonly string[],
): Promise<number> {
  if (refs.length === 0) return 0;
  const wanted = new Set(refs.map((ref) => ref.trim().toLowerCase()));
  const rows = await tx<{ id: string }[]>`
    select id from public.ultaura_line_messages
    where account_id = ${session.accountId} and line_id = ${session.lineId} and delivered_at is null`;
  const ids: string[] = [];
  for (const row of rows) if (wanted.has(row.id) || wanted.has(await messageRef(row.id))) ids.push(row.id);
  if (ids.length === 0) return 0;
  const updated = await tx`
    update public.ultaura_line_messages set delivered_at = now(), delivered_call_session_id = ${session.id}
    where id = any(${ids}::uuid[]) and delivered_at is null returning id`;
  return updated.length;
}
