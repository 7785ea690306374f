import { randomBytes } from "./bytes.ts";
import { CryptoError } from "./errors.ts";

/** AES-256-GCM with a random 96-bit IV; the ciphertext carries the 16-byte tag at its end. */
export interface Sealed {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
}

export const IV_BYTES = 12;

export async function seal(
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: aad },
    key,
    plaintext,
  );
  return { ciphertext: new Uint8Array(ciphertext), iv };
}

/** Opens a sealed value or throws `decrypt_failed`, naming `what` failed but never why in detail. */
export async function open(
  key: CryptoKey,
  sealed: Sealed,
  aad: Uint8Array<ArrayBuffer>,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.iv.length !== IV_BYTES)
    throw new CryptoError("decrypt_failed", `${what}: IV must be ${IV_BYTES} bytes`);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.iv, additionalData: aad },
      key,
      sealed.ciphertext,
    );
    return new Uint8Array(plain);
  } catch {
    throw new CryptoError(
      "decrypt_failed",
      `${what}: authentication failed (wrong key, wrong context or altered data)`,
    );
  }
}
