import { createLocalJWKSet, createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import type { JwtClaims } from "../db.ts";

/**
 * Verifies a Supabase user access token. Locally (and on legacy projects) the key is the project's HS256
 * JWT secret; projects on asymmetric signing keys publish them at `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`.
 * Only signed-in users pass: `aud` must be "authenticated", `role` "authenticated", `sub` a user id, and
 * `exp` in the future (jose checks it). Anything else — missing, expired, forged, an anon key — is `null`.
 */
export interface JwtVerifierOptions {
  /** HS256 secret (SUPABASE_JWT_SECRET). */
  secret?: string;
  /** JWKS URL for asymmetric keys (`<SUPABASE_URL>/auth/v1/.well-known/jwks.json`), for tokens not HS256. */
  jwksUrl?: string;
  /** Seconds of clock skew tolerated on `exp`/`iat`. */
  clockToleranceSeconds?: number;
  /** For tests: a fixed key set instead of fetching `jwksUrl`. */
  jwks?: { keys: Record<string, unknown>[] };
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
}

export type JwtVerifier = (token: string) => Promise<JwtClaims | null>;

const AUDIENCE = "authenticated";
/**
 * A token verified once is answered from memory until its `exp` (at most CACHE_MS): a page's requests all
 * carry the same token, and the signature check (an HMAC or ECDSA verification through WebCrypto) was a
 * fixed cost of every one of them. The key is the whole token, so a changed byte is verified afresh; the
 * bound keeps a key removed from the project's JWKS from being honoured longer than this.
 */
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  if (!options.secret && !options.jwksUrl && !options.jwks) {
    throw new Error("JWT verification needs SUPABASE_JWT_SECRET or the project's JWKS URL");
  }
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const keySet = options.jwks
    ? createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0])
    : options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), { cacheMaxAge: 600_000 })
      : undefined;
  const now = options.now ?? Date.now;
  const tolerance = options.clockToleranceSeconds ?? 0;
  const verified = new Map<string, { claims: JwtClaims; until: number }>();

  return async (token) => {
    const hit = verified.get(token);
    if (hit && hit.until > now()) return hit.claims;
    if (hit) verified.delete(token);
    const claims = await check(token, {
      audience: AUDIENCE,
      clockTolerance: tolerance,
      currentDate: new Date(now()),
    });
    if (claims) {
      // Oldest first out: a Map iterates in insertion order.
      if (verified.size >= CACHE_ENTRIES) verified.delete(verified.keys().next().value as string);
      const expires = (claims.exp as number) * 1000 + tolerance * 1000;
      verified.set(token, { claims, until: Math.min(expires, now() + CACHE_MS) });
    }
    return claims;
  };

  async function check(
    token: string,
    verifyOptions: { audience: string; clockTolerance: number; currentDate: Date },
  ): Promise<JwtClaims | null> {
    try {
      const header = JSON.parse(new TextDecoder().decode(base64UrlDecode(token.split(".")[0] ?? "")));
      let payload: JWTPayload;
      if (header.alg === "HS256") {
        if (!secret) return null;
        ({ payload } = await jwtVerify(token, secret, { ...verifyOptions, algorithms: ["HS256"] }));
      } else {
        if (!keySet) return null;
        ({ payload } = await jwtVerify(token, keySet, { ...verifyOptions, algorithms: ["ES256", "RS256"] }));
      }
      return toClaims(payload);
    } catch {
      return null;
    }
  }
}

function toClaims(payload: JWTPayload): JwtClaims | null {
  if (payload.role !== "authenticated" || typeof payload.sub !== "string" || !UUID.test(payload.sub))
    return null;
  if (typeof payload.exp !== "number") return null;
  return { ...payload, sub: payload.sub, role: "authenticated" };
}

function base64UrlDecode(text: string): Uint8Array {
  const base64 = text
    .replaceAll("-", "+")
    .replaceAll("_", "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
