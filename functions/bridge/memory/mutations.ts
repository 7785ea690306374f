import { type MemoryKind, type MemoryTarget, rewriteMemory } from "../../_shared/domain/memory/store.ts";
import type { Keyring } from "../../_shared/platform/crypto/keyring.ts";
import type { Tx } from "../../_shared/platform/db.ts";

export type { MemoryTarget } from "../../_shared/domain/memory/store.ts";

/**
 * Memory operations beyond store.ts (create, update text, list): deletion, the private flag and kind.
 * Every statement names the account and line as well as the id, so a memory of another line is never
 * touched even if its id were passed. `tx` is a service transaction.
 */
/** Deletes the row itself — ciphertext and all, not a hidden flag. False when no such memory on the line. */
export async function deleteMemory(tx: Tx, target: MemoryTarget): Promise<boolean> {
  const rows = await tx`
    delete from public.ultaura_memories
    where id = ${target.id} and account_id = ${target.accountId} and line_id = ${target.lineId}
    returning id`;
  return rows.length === 1;
}

/**
 * Marks a memory private: kept for the AI, invisible to the family (RLS hides private rows). Re-encrypted
 * with the flag in its authenticated data, so setting the column back in the database unseals nothing.
 */
export function markMemoryPrivate(tx: Tx, keyring: Keyring, target: MemoryTarget): Promise<boolean> {
  return rewriteMemory(tx, keyring, target, (current) => ({ ...current, private: true }));
}

/**
 * Refreshes a memory that was said again: its kind follows the latest telling, and privacy only ever
 * tightens (saying it again without "keep it private" does not reveal it to the family).
 */
export function refreshMemory(
  tx: Tx,
  keyring: Keyring,
  target: MemoryTarget,
  change: { kind: MemoryKind; private: boolean },
): Promise<boolean> {
  return rewriteMemory(tx, keyring, target, (current) => ({
    text: current.text,
    kind: change.kind,
    private: current.private || change.private,
  }));
}

/** Notes that memories were recalled on a call (for "what came up recently", never for ranking). */
export async function markRecalled(tx: Tx, accountId: string, lineId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx`
    update public.ultaura_memories set last_recalled_at = now()
    where account_id = ${accountId} and line_id = ${lineId} and id = any(${ids}::uuid[])`;
}
