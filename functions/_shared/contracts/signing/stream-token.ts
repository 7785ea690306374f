import { hmacSha256Hex, verifyHmacSha256Hex } from "./hmac.ts";

/**
 * The media-stream token: Twilio's <Stream> URL takes no query string, so the call session id is in the
 * path and this token travels as a <Parameter>, arriving in the `start` message. It binds the session id,
 * the call's CallSid and AccountSid, an expiry at most 60 s away and a random nonce:
 * `<expiry unix seconds>.<nonce>.<hex HMAC of "stream.v3.<sessionId>.<callSid>.<accountSid>.<expiry>.<nonce>">`.
 * A token seen with another CallSid or account (a captured token on a forged stream) does not verify. The
 * nonce makes each token of a call unique, so the Worker can accept each once even when a reconnect's token
 * is minted in the same second as the one before it.
 */
export const STREAM_TOKEN_TTL_SECONDS = 60;

/** What a stream token is bound to. */
export interface StreamBinding {
  callSessionId: string;
  callSid: string;
  accountSid: string;
}

function tokenMessage(binding: StreamBinding, expiresAt: number, nonce: string): string {
  return `stream.v3.${binding.callSessionId}.${binding.callSid}.${binding.accountSid}.${expiresAt}.${nonce}`;
}

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function createStreamToken(
  secret: string,
  binding: StreamBinding,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const expiresAt = nowSeconds + STREAM_TOKEN_TTL_SECONDS;
  const nonce = newNonce();
  return `${expiresAt}.${nonce}.${await hmacSha256Hex(secret, tokenMessage(binding, expiresAt, nonce))}`;
}

export type StreamTokenCheck = { ok: true } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

export async function verifyStreamToken(
  secret: string,
  binding: StreamBinding,
  token: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<StreamTokenCheck> {
  const match = /^(\d{1,12})\.([0-9a-f]{16})\.([0-9a-f]{64})$/.exec(token ?? "");
  if (!match) return { ok: false, reason: "malformed" };
  const expiresAt = Number(match[1]);
  if (nowSeconds > expiresAt) return { ok: false, reason: "expired" };
  // An expiry further out than a fresh token's could not have been made by us with this TTL.
  if (expiresAt - nowSeconds > STREAM_TOKEN_TTL_SECONDS) return { ok: false, reason: "mismatch" };
  const nonce = match[2] as string;
  const valid = await verifyHmacSha256Hex(
    secret,
    tokenMessage(binding, expiresAt, nonce),
    match[3] as string,
  );
  return valid ? { ok: true } : { ok: false, reason: "mismatch" };
}
