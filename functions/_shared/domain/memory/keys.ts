import { base64ToBytes, bytesToBase64 } from "../../platform/crypto/bytes.ts";
import {
  createDataKey,
  rewrapDataKey,
  unwrapDataKey,
  type WrappedDataKey,
} from "../../platform/crypto/envelope.ts";
import type { Keyring } from "../../platform/crypto/keyring.ts";
import type { Tx } from "../../platform/db.ts";

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
  if (newest) return unwrapRow(keyring, accountId, newest);
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

/** A specific data key version of an account; throws when it does not exist. */
export async function loadDataKey(
  tx: Tx,
  keyring: Keyring,
  accountId: string,
  keyVersion: number,
): Promise<DataKey> {
  const [row] = await selectKeys(tx, accountId, keyVersion);
  if (!row) throw new Error(`account ${accountId} has no data key version ${keyVersion}`);
  return unwrapRow(keyring, accountId, row);
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
