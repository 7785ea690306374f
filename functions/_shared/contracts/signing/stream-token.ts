import { hmacSha256Hex, verifyHmacSha256Hex } from "./hmac.ts";

/**
 * The media-stream token: Twilio's <Stream> URL takes no query string, so the call session id is in the
 * path and this token travels as a <Parameter>, arriving in the `start` message. It binds the session id
 * and an expiry: `<expiry unix seconds>.<hex HMAC of "stream.<sessionId>.<expiry>">`.
 */
export const STREAM_TOKEN_TTL_SECONDS = 300;

export async function createStreamToken(
  secret: string,
  callSessionId: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const expiresAt = nowSeconds + STREAM_TOKEN_TTL_SECONDS;
  return `${expiresAt}.${await hmacSha256Hex(secret, `stream.${callSessionId}.${expiresAt}`)}`;
}

export type StreamTokenCheck = { ok: true } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

export async function verifyStreamToken(
  secret: string,
  callSessionId: string,
  token: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<StreamTokenCheck> {
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token ?? "");
  if (!match) return { ok: false, reason: "malformed" };
  const expiresAt = Number(match[1]);
  if (nowSeconds > expiresAt) return { ok: false, reason: "expired" };
  const valid = await verifyHmacSha256Hex(secret, `stream.${callSessionId}.${expiresAt}`, match[2] as string);
  return valid ? { ok: true } : { ok: false, reason: "mismatch" };
}
