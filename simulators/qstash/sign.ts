import { base64url, SignJWT } from "jose";

export interface QstashSignatureInput {
  /** A signing key string (`sig_…`); its UTF-8 bytes are the HMAC key, as QStash uses them. */
  key: string;
  /** The destination URL exactly as called (the JWT's `sub`). */
  url: string;
  body: string;
  now?: Date;
  /** QStash's default lifetime is 5 minutes. */
  lifetimeSeconds?: number;
}

/**
 * The `Upstash-Signature` JWT as QStash makes it: HS256, `iss` "Upstash", `sub` the URL, `iat` = `nbf`,
 * `exp` = `iat` + 300, a `jti`, and `body` = base64url(SHA-256(raw body)).
 */
export async function signQstash(input: QstashSignatureInput): Promise<string> {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input.body)));
  return new SignJWT({ body: base64url.encode(digest) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("Upstash")
    .setSubject(input.url)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + (input.lifetimeSeconds ?? 300))
    .setJti(`jwt_${crypto.randomUUID().replaceAll("-", "")}`)
    .sign(new TextEncoder().encode(input.key));
}
