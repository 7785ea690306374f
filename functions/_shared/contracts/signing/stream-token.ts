import { hmacSha256Hex, verifyHmacSha256Hex } from "./hmac.ts";

/**
 * The media-stream token: Twilio's <Stream> URL takes no query string, so the call session id is in the
 * path and this token travels as a <Parameter>, arriving in the `start` message. It binds the session id,
 * the call's CallSid and AccountSid, and an expiry at most 60 s away:
 * `<expiry unix seconds>.<hex HMAC of "stream.v2.<sessionId>.<callSid>.<accountSid>.<expiry>">`.
 * A token seen with another CallSid or account (a captured token on a forged stream) does not verify.
 */
export const STREAM_TOKEN_TTL_SECONDS = 60;

/** What a stream token is bound to. */
export interface StreamBinding {
  callSessionId: string;
  callSid: string;
  accountSid: string;
}

function tokenMessage(binding: StreamBinding, expiresAt: number): string {
  return `stream.v2.${binding.callSessionId}.${binding.callSid}.${binding.accountSid}.${expiresAt}`;
}

export async function createStreamToken(
  secret: string,
  binding: StreamBinding,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const expiresAt = nowSeconds + STREAM_TOKEN_TTL_SECONDS;
  return `${expiresAt}.${await hmacSha256Hex(secret, tokenMessage(binding, expiresAt))}`;
}

export type StreamTokenCheck = { ok: true } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

export async function verifyStreamToken(
  secret: string,
  binding: StreamBinding,
  token: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<StreamTokenCheck> {
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token ?? "");
  if (!match) return { ok: false, reason: "malformed" };
  const expiresAt = Number(match[1]);
  if (nowSeconds > expiresAt) return { ok: false, reason: "expired" };
  // An expiry further out than a fresh token's could not have been made by us with this TTL.
  if (expiresAt - nowSeconds > STREAM_TOKEN_TTL_SECONDS) return { ok: false, reason: "mismatch" };
  const valid = await verifyHmacSha256Hex(secret, tokenMessage(binding, expiresAt), match[2] as string);
  return valid ? { ok: true } : { ok: false, reason: "mismatch" };
}
