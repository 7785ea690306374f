import { base64ToBytes, bytesToBase64 } from "../../platform/crypto/bytes.ts";
import { decryptMemoryText, encryptMemoryText } from "../../platform/crypto/envelope.ts";
import type { Keyring } from "../../platform/crypto/keyring.ts";
import type { Database, Tx } from "../../platform/db.ts";
import { type DataKey, getOrCreateDataKey, loadDataKey, loadDataKeys } from "./keys.ts";

/** Reading and writing encrypted memories. `tx` is a service transaction unless stated otherwise. */
export type MemoryKind = "fact" | "preference" | "person" | "event" | "health_note" | "call_summary";

export interface Memory {
  id: string;
  accountId: string;
  lineId: string;
  kind: MemoryKind;
  text: string;
  private: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewMemory {
  accountId: string;
  lineId: string;
  kind: MemoryKind;
  text: string;
  private?: boolean;
  sourceCallSessionId?: string | null;
  /** Fixed id (the seed uses one); a random UUID otherwise. */
  id?: string;
}

interface MemoryRow {
  id: string;
  account_id: string;
  line_id: string;
  kind: MemoryKind;
  ciphertext: string;
  iv: string;
  key_version: number;
  private: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  "id, account_id, line_id, kind, encode(ciphertext, 'base64') as ciphertext, encode(iv, 'base64') as iv, key_version, private, created_at, updated_at";

/** Encrypts and inserts a memory; returns its id. The id is chosen first because the AAD includes it. */
export async function createMemory(tx: Tx, keyring: Keyring, memory: NewMemory): Promise<string> {
  const id = memory.id ?? crypto.randomUUID();
  const dataKey = await getOrCreateDataKey(tx, keyring, memory.accountId);
  const sealed = await encryptMemoryText(dataKey.key, memory.text, {
    accountId: memory.accountId,
    lineId: memory.lineId,
    memoryId: id,
    kind: memory.kind,
    private: memory.private ?? false,
  });
  await tx`
    insert into public.ultaura_memories
      (id, account_id, line_id, kind, ciphertext, iv, key_version, private, source_call_session_id)
    values (${id}, ${memory.accountId}, ${memory.lineId}, ${memory.kind},
      decode(${bytesToBase64(sealed.ciphertext)}, 'base64'), decode(${bytesToBase64(sealed.iv)}, 'base64'),
      ${dataKey.keyVersion}, ${memory.private ?? false}, ${memory.sourceCallSessionId ?? null})`;
  return id;
}

/** Replaces a memory's text (re-encrypted with a fresh IV). False when no such memory on that line. */
export function updateMemoryText(
  tx: Tx,
  keyring: Keyring,
  target: MemoryTarget,
  text: string,
): Promise<boolean> {
  return rewriteMemory(tx, keyring, target, (current) => ({ ...current, text }));
}

export interface MemoryTarget {
  id: string;
  accountId: string;
  lineId: string;
}

type MemoryContent = Pick<Memory, "text" | "kind" | "private">;

/**
 * Changes a memory's text, kind or privacy — all three are bound into the ciphertext's authenticated
 * data, so any change re-encrypts (fresh IV, current data key) in the same statement. The row is locked
 * and decrypted first: a row whose stored kind or flag was altered behind our back fails here.
 */
export async function rewriteMemory(
  tx: Tx,
  keyring: Keyring,
  target: MemoryTarget,
  change: (current: MemoryContent) => MemoryContent,
): Promise<boolean> {
  const rows = await tx<MemoryRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_memories
    where id = ${target.id} and account_id = ${target.accountId} and line_id = ${target.lineId}
    for update`;
  if (rows.length === 0) return false;
  const [current] = await decryptRows(rows, (version) => loadDataKey(tx, keyring, target.accountId, version));
  if (!current) return false;
  const next = change({ text: current.text, kind: current.kind, private: current.private });
  const dataKey = await getOrCreateDataKey(tx, keyring, target.accountId);
  const sealed = await encryptMemoryText(dataKey.key, next.text, {
    accountId: target.accountId,
    lineId: target.lineId,
    memoryId: target.id,
    kind: next.kind,
    private: next.private,
  });
  const updated = await tx`
    update public.ultaura_memories
    set ciphertext = decode(${bytesToBase64(sealed.ciphertext)}, 'base64'),
      iv = decode(${bytesToBase64(sealed.iv)}, 'base64'), key_version = ${dataKey.keyVersion},
      kind = ${next.kind}, private = ${next.private}
    where id = ${target.id} and account_id = ${target.accountId} and line_id = ${target.lineId}
    returning id`;
  return updated.length === 1;
}

/**
 * Every memory of a line the AI may use now, decrypted, newest first. Private memories and health notes
 * are bound to the number they were told on (migration 0026): they are left out while the line's verified
 * number is another one (or none), so repointing a line to a relative's phone never reads them out.
 */
export async function listLineMemories(
  tx: Tx,
  keyring: Keyring,
  accountId: string,
  lineId: string,
): Promise<Memory[]> {
  const rows = await tx<MemoryRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_memories m
    where m.account_id = ${accountId} and m.line_id = ${lineId}
      and (not (m.private or m.kind = 'health_note') or m.phone_e164 = (
        select l.phone_e164 from public.ultaura_lines l where l.id = m.line_id and l.phone_verified_at is not null))
    order by m.created_at desc, m.id`;
  return decryptRows(rows, (version) => loadDataKey(tx, keyring, accountId, version));
}

/** A memory as stored: still sealed, with its page position. */
export type SealedMemory = MemoryRow & { cursor_at: string };

/**
 * One page of what the family may see of a line's memories, newest first, read as the user in the
 * caller's transaction: RLS decides (private ones and other accounts' lines never come back). Keyset
 * paged on (created_at, id) after `after`; `limit + 1` rows are read so the caller knows whether more follow.
 */
export function readFamilyMemories(
  tx: Tx,
  lineId: string,
  page: { after: { at: string; id: string } | null; limit: number },
): Promise<SealedMemory[]> {
  return tx<SealedMemory[]>`
    select ${tx.unsafe(COLUMNS)}, created_at::text as cursor_at from public.ultaura_memories
    where line_id = ${lineId} and not private
      ${page.after ? tx`and (created_at, id) < (${page.after.at}::text::timestamptz, ${page.after.id}::uuid)` : tx``}
    order by created_at desc, id desc
    limit ${page.limit + 1}`;
}

/** Decrypts rows RLS already returned; their accounts' keys are read on the service connection. */
export async function openMemories(
  db: Database,
  keyring: Keyring,
  rows: readonly MemoryRow[],
): Promise<Memory[]> {
  if (rows.length === 0) return [];
  const wanted = new Map(rows.map((r) => [`${r.account_id}/${r.key_version}`, r]));
  const keys = await loadDataKeys(
    db.sql,
    keyring,
    [...wanted.values()].map((r) => ({ accountId: r.account_id, keyVersion: r.key_version })),
  );
  // loadDataKeys threw already if any of them is missing.
  return decryptRows(rows, async (version, accountId) => keys.get(`${accountId}/${version}`) as DataKey);
}

async function decryptRows(
  rows: readonly MemoryRow[],
  loadKey: (version: number, accountId: string) => Promise<DataKey>,
): Promise<Memory[]> {
  const keys = new Map<string, Promise<DataKey>>();
  const keyOf = (row: MemoryRow) => {
    const cacheKey = `${row.account_id}/${row.key_version}`;
    let key = keys.get(cacheKey);
    if (!key) {
      key = loadKey(row.key_version, row.account_id);
      keys.set(cacheKey, key);
    }
    return key;
  };
  // Together, not one after another: each WebCrypto decryption is a hop to another thread, and on a busy
  // machine a page of 25 awaited in turn queued for the CPU 25 times (22 ms p50 for one client measured).
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      accountId: row.account_id,
      lineId: row.line_id,
      kind: row.kind,
      text: await decryptMemoryText(
        (await keyOf(row)).key,
        { ciphertext: base64ToBytes(row.ciphertext), iv: base64ToBytes(row.iv) },
        {
          accountId: row.account_id,
          lineId: row.line_id,
          memoryId: row.id,
          kind: row.kind,
          private: row.private,
        },
      ),
      private: row.private,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
  );
}
