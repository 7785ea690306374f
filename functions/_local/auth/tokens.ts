import { SignJWT } from "jose";
import type { UserRow } from "./user-row.ts";

/**
 * Access tokens as GoTrue issues them (HS256 with the project's JWT secret): `sub`, `aud` and `role`
 * "authenticated", `email`, `phone`, metadata, `aal`, `amr`, `session_id`, `is_anonymous`, `iat`, `exp`.
 * Refresh tokens are opaque random strings; only their SHA-256 is stored.
 */
export interface TokenSettings {
  secret: string;
  /** GoTrue's `iss`: `<API URL>/auth/v1`. */
  issuer: string;
  /** Seconds an access token lives (GoTrue's default 3600). */
  expiresIn: number;
}

export async function signAccessToken(
  settings: TokenSettings,
  user: UserRow,
  sessionId: string,
  nowSeconds: number,
): Promise<string> {
  return new SignJWT({
    email: user.email,
    phone: "",
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: nowSeconds }],
    session_id: sessionId,
    is_anonymous: false,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(settings.issuer)
    .setSubject(user.id)
    .setAudience("authenticated")
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + settings.expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}

export function newRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export async function hashRefreshToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** GoTrue's `models.User` JSON for an e-mail user. */
export function userJson(user: UserRow) {
  const created = user.created_at.toISOString();
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email,
    email_confirmed_at: user.email_confirmed_at?.toISOString(),
    phone: "",
    confirmed_at: user.email_confirmed_at?.toISOString(),
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: [
      {
        identity_id: user.id,
        id: user.id,
        user_id: user.id,
        identity_data: { email: user.email, sub: user.id, email_verified: true },
        provider: "email",
        created_at: created,
        updated_at: user.updated_at.toISOString(),
        email: user.email,
      },
    ],
    created_at: created,
    updated_at: user.updated_at.toISOString(),
    is_anonymous: false,
  };
}
