export type CryptoErrorCode =
  /** Key material in the environment is missing or malformed. */
  | "bad_key_config"
  /** Data was wrapped by a KEK version this keyring does not hold (retired, or never configured). */
  | "unknown_kek_version"
  /** Authentication failed: wrong key, wrong AAD (row moved or swapped), or altered bytes. */
  | "decrypt_failed";

/** Thrown for every failure to protect or recover data; the message never contains key or plaintext. */
export class CryptoError extends Error {
  override name = "CryptoError";
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
