import { hmacSha256Hex, toHex, verifyHmacSha256Hex } from "./hmac.ts";

/**
 * Signed requests between our own services (functions/twilio → Worker "prepare", Worker → functions/bridge
 * "bridge"): HMAC-SHA256 over the purpose, method, path with query, unix-seconds timestamp, a random nonce
 * and the SHA-256 of the raw body, sent as three headers. Binding the path and a nonce means two requests
 * with the same body in the same second (other session, other route) never share a signature, a
 * signature made for one path is refused on another, and the receiver's replay record is the nonce.
 */
export const TIMESTAMP_HEADER = "x-ultaura-timestamp";
export const NONCE_HEADER = "x-ultaura-nonce";
export const SIGNATURE_HEADER = "x-ultaura-signature";
export const SIGNATURE_WINDOW_SECONDS = 300;
/** 16 random bytes, hex. */
export const NONCE_PATTERN = /^[0-9a-f]{32}$/;

export type SignaturePurpose = "bridge" | "prepare";

/** What a signature covers besides purpose, time and nonce. `path` is the URL's path plus its query. */
export interface SignedRequest {
  method: string;
  path: string;
  body: string;
}

const encoder = new TextEncoder();

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

async function signedMessage(
  purpose: SignaturePurpose,
  request: SignedRequest,
  timestamp: string,
  nonce: string,
): Promise<string> {
  const bodyHash = await sha256Hex(request.body);
  return ["ultaura-v2", purpose, request.method.toUpperCase(), request.path, timestamp, nonce, bodyHash].join(
    "\n",
  );
}

export function newNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

export async function signRequest(
  secret: string,
  purpose: SignaturePurpose,
  request: SignedRequest,
  nowSeconds = Math.floor(Date.now() / 1000),
  nonce = newNonce(),
): Promise<Record<string, string>> {
  const timestamp = String(nowSeconds);
  const signature = await hmacSha256Hex(secret, await signedMessage(purpose, request, timestamp, nonce));
  return { [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signature };
}

export type SignatureCheck =
  | { ok: true; timestamp: number; nonce: string }
  | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

export interface SignatureHeaders {
  timestamp: string | null | undefined;
  nonce: string | null | undefined;
  signature: string | null | undefined;
}

/** Reads the three signature headers from a header getter (Hono's `c.req.header`, `Headers.get`). */
export function signatureHeaders(get: (name: string) => string | null | undefined): SignatureHeaders {
  return { timestamp: get(TIMESTAMP_HEADER), nonce: get(NONCE_HEADER), signature: get(SIGNATURE_HEADER) };
}

/** The signed path of a URL as the receiver sees it: path plus query string. */
export function signedPathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Checks the signature only; the caller must still claim `nonce` in its replay record. */
export async function verifyRequest(
  secret: string,
  purpose: SignaturePurpose,
  request: SignedRequest,
  headers: SignatureHeaders,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SignatureCheck> {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp) || !NONCE_PATTERN.test(nonce)) return { ok: false, reason: "malformed" };
  const sentAt = Number(timestamp);
  if (Math.abs(nowSeconds - sentAt) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: "expired" };
  const message = await signedMessage(purpose, request, timestamp, nonce);
  const valid = await verifyHmacSha256Hex(secret, message, signature);
  return valid ? { ok: true, timestamp: sentAt, nonce } : { ok: false, reason: "mismatch" };
}
