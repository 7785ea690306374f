import { open, type Sealed, seal } from "./aead.ts";
import { randomBytes, utf8 } from "./bytes.ts";
import type { Keyring } from "./keyring.ts";

/**
 * Envelope encryption: each account has a random AES-256 data key, stored only wrapped (AES-GCM) by a
 * KEK. The wrap's AAD names the account and data-key version, so a wrapped key copied to another
 * account, or another version slot, does not unwrap.
 */
export interface DataKeyContext {
  accountId: string;
  keyVersion: number;
}

export interface WrappedDataKey {
  wrappedKey: Uint8Array<ArrayBuffer>;
  wrapIv: Uint8Array<ArrayBuffer>;
  kekVersion: number;
}

/** What a memory ciphertext is bound to. */
export interface MemoryContext {
  accountId: string;
  lineId: string;
  memoryId: string;
  /** Bound too, so a database write cannot re-kind a memory or reveal a private one to the family. */
  kind: string;
  private: boolean;
}

export async function createDataKey(
  keyring: Keyring,
  context: DataKeyContext,
): Promise<{ key: CryptoKey; wrapped: WrappedDataKey }> {
  const raw = randomBytes(32);
  const wrapped = await wrapDataKey(keyring, raw, context);
  const key = await importDataKey(raw);
  raw.fill(0);
  return { key, wrapped };
}

/** Wraps the raw bytes of a data key under the keyring's current KEK (the scale seed derives its keys). */
export async function wrapDataKey(
  keyring: Keyring,
  raw: Uint8Array<ArrayBuffer>,
  context: DataKeyContext,
): Promise<WrappedDataKey> {
  const kekVersion = keyring.currentVersion;
  const sealed = await seal(keyring.kek(kekVersion), raw, dataKeyAad(context, kekVersion));
  return { wrappedKey: sealed.ciphertext, wrapIv: sealed.iv, kekVersion };
}

export async function unwrapDataKey(
  keyring: Keyring,
  wrapped: WrappedDataKey,
  context: DataKeyContext,
): Promise<CryptoKey> {
  const raw = await unwrapRaw(keyring, wrapped, context);
  const key = await importDataKey(raw);
  raw.fill(0);
  return key;
}

/** Re-wraps a data key under the keyring's current KEK (KEK rotation); the data key itself is unchanged. */
export async function rewrapDataKey(
  keyring: Keyring,
  wrapped: WrappedDataKey,
  context: DataKeyContext,
): Promise<WrappedDataKey> {
  const raw = await unwrapRaw(keyring, wrapped, context);
  const rewrapped = await wrapDataKey(keyring, raw, context);
  raw.fill(0);
  return rewrapped;
}

export async function encryptMemoryText(
  dataKey: CryptoKey,
  text: string,
  context: MemoryContext,
): Promise<Sealed> {
  return seal(dataKey, utf8(text), memoryAad(context));
}

export async function decryptMemoryText(
  dataKey: CryptoKey,
  sealed: Sealed,
  context: MemoryContext,
): Promise<string> {
  const plain = await open(dataKey, sealed, memoryAad(context), `memory ${context.memoryId}`);
  return new TextDecoder("utf-8", { fatal: true }).decode(plain);
}

/** The associated data a memory's ciphertext is bound to (bulk writers encrypt with it directly). */
export function memoryAad(context: MemoryContext): Uint8Array<ArrayBuffer> {
  const { accountId, lineId, memoryId, kind } = context;
  return utf8(
    `ultaura/memory/v2|account=${accountId.toLowerCase()}|line=${lineId.toLowerCase()}|memory=${memoryId.toLowerCase()}|kind=${kind}|private=${context.private ? 1 : 0}`,
  );
}

function dataKeyAad({ accountId, keyVersion }: DataKeyContext, kekVersion: number): Uint8Array<ArrayBuffer> {
  return utf8(`ultaura/data-key/v1|account=${accountId.toLowerCase()}|key=${keyVersion}|kek=${kekVersion}`);
}

async function unwrapRaw(
  keyring: Keyring,
  wrapped: WrappedDataKey,
  context: DataKeyContext,
): Promise<Uint8Array<ArrayBuffer>> {
  return open(
    keyring.kek(wrapped.kekVersion),
    { ciphertext: wrapped.wrappedKey, iv: wrapped.wrapIv },
    dataKeyAad(context, wrapped.kekVersion),
    `data key ${context.keyVersion} of account ${context.accountId}`,
  );
}

function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}
