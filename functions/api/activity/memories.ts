import { openMemories, readFamilyMemories, type SealedMemory } from "../../_shared/domain/memory/store.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Keyring } from "../../_shared/platform/crypto/keyring.ts";
import type { Database, JwtClaims, Tx } from "../../_shared/platform/db.ts";
import { getLine } from "../lines/lines.ts";
import type { ApiOutcome } from "../refusals.ts";
import { decodeCursor, keysetPage } from "./cursor.ts";

/**
 * What the family sees of a line's memories: never the private ones (RLS hides them, so they can be
 * neither listed nor deleted from here). The line and a page of sealed rows are read as the caller in
 * their transaction; the rows are decrypted after it, their keys read on the service path.
 */
export async function readMemoryPage(
  tx: Tx,
  lineId: string,
  page: { cursor?: string; limit: number },
): Promise<ApiOutcome<SealedMemory[]>> {
  const after = decodeCursor(page.cursor);
  if (!after.ok) return after;
  // Pipelined on the transaction's connection; the line's read refuses (404) a line RLS hides.
  const [line, rows] = await Promise.all([
    getLine(tx, lineId),
    readFamilyMemories(tx, lineId, { after: after.value, limit: page.limit }),
  ]);
  return line.ok ? ok(rows) : line;
}

export async function openMemoryPage(db: Database, keyring: Keyring, rows: SealedMemory[], limit: number) {
  const { page, nextCursor } = keysetPage(rows, limit);
  const memories = await openMemories(db, keyring, page);
  return {
    items: memories.map((memory) => ({
      id: memory.id,
      lineId: memory.lineId,
      kind: memory.kind,
      text: memory.text,
      createdAt: memory.createdAt.toISOString(),
    })),
    nextCursor,
  };
}

/** Every memory of a line the family may see, page by page as the caller (the family's data export). */
export async function allFamilyMemories(
  db: Database,
  keyring: Keyring,
  claims: JwtClaims,
  lineId: string,
): Promise<ApiOutcome<Awaited<ReturnType<typeof openMemoryPage>>["items"]>> {
  const items: Awaited<ReturnType<typeof openMemoryPage>>["items"] = [];
  let cursor: string | undefined;
  do {
    const page = { limit: 100, ...(cursor ? { cursor } : {}) };
    const rows = await db.asUser(claims, (tx) => readMemoryPage(tx, lineId, page));
    if (!rows.ok) return rows;
    const opened = await openMemoryPage(db, keyring, rows.value, page.limit);
    items.push(...opened.items);
    cursor = opened.nextCursor ?? undefined;
  } while (cursor);
  return ok(items);
}

/** Deletes the row itself — ciphertext and all — as the caller. */
export async function forgetMemory(tx: Tx, id: string): Promise<ApiOutcome<void>> {
  const rows = await tx`delete from public.ultaura_memories where id = ${id} returning id`;
  return rows.length > 0 ? ok() : refused({ code: "not_found", thing: "memory" });
}
