import { listFamilyMemories } from "../../_shared/domain/memory/store.ts";
import type { Keyring } from "../../_shared/platform/crypto/keyring.ts";
import type { Database, JwtClaims, Tx } from "../../_shared/platform/db.ts";
import { refuse } from "../refusals.ts";

/**
 * What the family sees of a line's memories: never the private ones (RLS hides them, so they can be
 * neither listed nor deleted from here), decrypted on the service path only after RLS returned the rows.
 */
export async function familyMemories(db: Database, keyring: Keyring, claims: JwtClaims, lineId: string) {
  const rows = await listFamilyMemories(db, keyring, claims, lineId);
  return rows.map((row) => ({
    id: row.id,
    lineId: row.lineId,
    kind: row.kind,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Deletes the row itself — ciphertext and all — as the caller. */
export async function forgetMemory(tx: Tx, id: string): Promise<void> {
  const rows = await tx`delete from public.ultaura_memories where id = ${id} returning id`;
  if (rows.length === 0) refuse({ code: "not_found", thing: "memory" });
}
