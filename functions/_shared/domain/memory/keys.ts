import { base64ToBytes, bytesToBase64 } from "../../platform/crypto/bytes.ts";
import {
  createDataKey,
  rewrapDataKey,
  unwrapDataKey,
  type WrappedDataKey,
} from "../../platform/crypto/envelope.ts";
import { createKeyCache, type KeyCache } from "../../platform/crypto/key-cache.ts";
import type { Keyring } from "../../platform/crypto/keyring.ts";
import type { Sql, Tx } from "../../platform/db.ts";

/**
 * Account data keys in `ultaura_account_keys`. Every function here needs a service transaction: members
 * have no access to wrapped keys.
 */
export interface DataKey {
  accountId: string;
  keyVersion: number;
  key: CryptoKey;
}

interface KeyRow {
  key_version: number;
  wrapped_key: string;
  wrap_iv: string;
  kek_version: number;
}

/** The account's newest data key, created (and wrapped with the current KEK) on first use. */
export async function getOrCreateDataKey(tx: Tx, keyring: Keyring, accountId: string): Promise<DataKey> {
  const existing = await selectKeys(tx, accountId, null);
  const newest = existing[0];
  if (newest) return unwrapCached(keyring, accountId, newest);
  const { wrapped } = await createDataKey(keyring, { accountId, keyVersion: 1 });
  // A concurrent first use may have inserted version 1 meanwhile: keep theirs, unwrap what is stored.
  await tx`
    insert into public.ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
    values (${accountId}, 1, decode(${bytesToBase64(wrapped.wrappedKey)}, 'base64'),
      decode(${bytesToBase64(wrapped.wrapIv)}, 'base64'), ${wrapped.kekVersion})
    on conflict (account_id, key_version) do nothing`;
  const [stored] = await selectKeys(tx, accountId, 1);
  if (!stored) throw new Error(`data key for account ${accountId} vanished after insert`);
  return unwrapRow(keyring, accountId, stored);
}

/**
 * Data keys already unwrapped in this isolate, per key ring (a keyring without a KEK never sees a key
 * another unwrapped), found by the wrapped row itself: a re-wrap (KEK rotation) or a key row copied to
 * another account is a different entry, so it is unwrapped — and refused — exactly as without the cache.
 * What is saved is the unwrap; the row is still read, so a deleted key is never used.
 */
const unwrapped = new WeakMap<Keyring, KeyCache>();

async function unwrapCached(keyring: Keyring, accountId: string, row: KeyRow): Promise<DataKey> {
  let cache = unwrapped.get(keyring);
  if (!cache) {
    cache = createKeyCache({ max: 1_000, ttlMs: 5 * 60_000 });
    unwrapped.set(keyring, cache);
  }
  const id = `${accountId}/${row.key_version}/${row.kek_version}/${row.wrap_iv}/${row.wrapped_key}`;
  const key = cache.get(id);
  if (key) return { accountId, keyVersion: row.key_version, key };
  const dataKey = await unwrapRow(keyring, accountId, row);
  cache.set(id, dataKey.key);
  return dataKey;
}

/** A specific data key version of an account; throws when it does not exist. */
export async function loadDataKey(
  tx: Tx,
  keyring: Keyring,
  accountId: string,
  keyVersion: number,
): Promise<DataKey> {
  const [row] = await selectKeys(tx, accountId, keyVersion);
  if (!row) throw new Error(`account ${accountId} has no data key version ${keyVersion}`);
  return unwrapCached(keyring, accountId, row);
}

/**
 * Several accounts' data key versions in one statement — a single round trip on the service connection,
 * no transaction needed for one read. Keyed `accountId/keyVersion`; throws when one does not exist.
 */
export async function loadDataKeys(
  sql: Sql,
  keyring: Keyring,
  wanted: readonly { accountId: string; keyVersion: number }[],
): Promise<Map<string, DataKey>> {
  const rows = await sql<(KeyRow & { account_id: string })[]>`
    select k.account_id, k.key_version, encode(k.wrapped_key, 'base64') as wrapped_key,
      encode(k.wrap_iv, 'base64') as wrap_iv, k.kek_version
    from public.ultaura_account_keys k
    join unnest(${wanted.map((w) => w.accountId)}::uuid[], ${wanted.map((w) => w.keyVersion)}::integer[])
      as w(account_id, key_version) on w.account_id = k.account_id and w.key_version = k.key_version`;
  const keys = new Map<string, DataKey>();
  for (const row of rows) {
    keys.set(`${row.account_id}/${row.key_version}`, await unwrapCached(keyring, row.account_id, row));
  }
  for (const { accountId, keyVersion } of wanted) {
    if (!keys.has(`${accountId}/${keyVersion}`))
      throw new Error(`account ${accountId} has no data key version ${keyVersion}`);
  }
  return keys;
}

/**
 * KEK rotation: re-wraps every data key not wrapped by the current KEK. Rows are locked while re-wrapped;
 * a key whose KEK is no longer configured fails the whole run (nothing is half-done within the tx).
 */
export async function rewrapAccountKeys(tx: Tx, keyring: Keyring): Promise<{ rewrapped: number }> {
  const rows = await tx<(KeyRow & { account_id: string })[]>`
    select account_id, key_version, encode(wrapped_key, 'base64') as wrapped_key,
      encode(wrap_iv, 'base64') as wrap_iv, kek_version
    from public.ultaura_account_keys
    where kek_version <> ${keyring.currentVersion}
    order by account_id, key_version
    for update`;
  for (const row of rows) {
    const context = { accountId: row.account_id, keyVersion: row.key_version };
    const next = await rewrapDataKey(keyring, toWrapped(row), context);
    await tx`
      update public.ultaura_account_keys
      set wrapped_key = decode(${bytesToBase64(next.wrappedKey)}, 'base64'),
        wrap_iv = decode(${bytesToBase64(next.wrapIv)}, 'base64'),
        kek_version = ${next.kekVersion}, rewrapped_at = now()
      where account_id = ${row.account_id} and key_version = ${row.key_version}`;
  }
  return { rewrapped: rows.length };
}

function selectKeys(tx: Tx, accountId: string, keyVersion: number | null) {
  return tx<KeyRow[]>`
    select key_version, encode(wrapped_key, 'base64') as wrapped_key, encode(wrap_iv, 'base64') as wrap_iv, kek_version
    from public.ultaura_account_keys
    where account_id = ${accountId} and (${keyVersion}::integer is null or key_version = ${keyVersion}::integer)
    order by key_version desc`;
}

async function unwrapRow(keyring: Keyring, accountId: string, row: KeyRow): Promise<DataKey> {
  const key = await unwrapDataKey(keyring, toWrapped(row), { accountId, keyVersion: row.key_version });
  return { accountId, keyVersion: row.key_version, key };
}

function toWrapped(row: KeyRow): WrappedDataKey {
  return {
    wrappedKey: base64ToBytes(row.wrapped_key),
    wrapIv: base64ToBytes(row.wrap_iv),
    kekVersion: row.kek_version,
  };
}
