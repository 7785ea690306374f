import { hmacSha256Hex, verifyHmacSha256Hex } from "./hmac.ts";

/**
 * Signed requests between our own services (functions/twilio → Worker, Worker → functions/bridge):
 * HMAC-SHA256 over `<unix seconds>.<raw body>` with a shared secret, sent as two headers. The purpose
 * label keeps a signature made for one hop from being accepted on another.
 */
export const TIMESTAMP_HEADER = "x-ultaura-timestamp";
export const SIGNATURE_HEADER = "x-ultaura-signature";
export const SIGNATURE_WINDOW_SECONDS = 300;

export type SignaturePurpose = "bridge" | "prepare";

export async function signRequest(
  secret: string,
  purpose: SignaturePurpose,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Record<string, string>> {
  const timestamp = String(nowSeconds);
  const signature = await hmacSha256Hex(secret, `${purpose}.${timestamp}.${body}`);
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature };
}

export type SignatureCheck =
  | { ok: true; timestamp: number; signature: string }
  | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

export async function verifyRequest(
  secret: string,
  purpose: SignaturePurpose,
  body: string,
  headers: { timestamp: string | null | undefined; signature: string | null | undefined },
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SignatureCheck> {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  const sentAt = Number(timestamp);
  if (Math.abs(nowSeconds - sentAt) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: "expired" };
  const valid = await verifyHmacSha256Hex(secret, `${purpose}.${timestamp}.${body}`, signature);
  return valid ? { ok: true, timestamp: sentAt, signature } : { ok: false, reason: "mismatch" };
}
