import { createLocalAuthApp } from "../_local/auth/app.ts";
import { SEED_EMAILS } from "../_local/auth/index.ts";
import { ensureAuthTables, setSeedPasswords } from "../_local/auth/store.ts";
import type { Database } from "../_shared/platform/db.ts";
import { createLogger } from "../_shared/platform/log.ts";
import { type ApiServiceOverrides, createApiApp } from "./app.ts";

/**
 * Helpers for functions/api's database tests: the api app and the local Auth server wired to the test
 * database, and tokens obtained the way the web app obtains them (sign-up / password grant on /auth/v1).
 */
export const TEST_JWT_SECRET = "test-jwt-secret-with-at-least-32-characters-0123";
export const TEST_ANON_KEY_CLAIMS = { iss: "supabase-demo", role: "anon", exp: 1983812996 };
export const TEST_SEED_PASSWORD = "seed-password-for-tests";
export const TEST_ORIGIN = "http://127.0.0.1:5173";
export const TEST_TWILIO = {
  accountSid: "AC0123456789abcdef0123456789abcdef",
  authToken: "test-twilio-auth-token",
  verifyServiceSid: "VA0123456789abcdef0123456789abcdef",
  phoneNumber: "+15555550000",
};

export interface ApiTestUrls {
  twilio: string;
  upstash: string;
  /** Where Twilio reaches the functions (the twilio function's webhooks); default unreachable. */
  functions?: string;
}

export function apiTestEnv(kek: { version: number; key: string }, urls: ApiTestUrls) {
  return {
    SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
    ALLOWED_ORIGINS: TEST_ORIGIN,
    MEMORY_KEK: kek.key,
    MEMORY_KEK_VERSION: String(kek.version),
    TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
    TWILIO_API_BASE_URL: urls.twilio,
    TWILIO_VERIFY_BASE_URL: urls.twilio,
    TWILIO_VERIFY_SERVICE_SID: TEST_TWILIO.verifyServiceSid,
    TWILIO_PHONE_NUMBER: TEST_TWILIO.phoneNumber,
    UPSTASH_REDIS_REST_URL: urls.upstash,
    UPSTASH_REDIS_REST_TOKEN: "test-upstash-token",
    ALLOW_FICTIONAL_PHONE_NUMBERS: "true",
    FUNCTIONS_PUBLIC_URL: urls.functions ?? "http://127.0.0.1:9/functions/v1",
    // Test calls are placed at wall-clock time: no calling-hours floor (the dialler's own tests set one).
    CALLING_HOURS_FLOOR: "00:00-00:00",
  };
}

export function testApiApp(
  db: Database,
  kek: { version: number; key: string },
  urls: ApiTestUrls,
  overrides: ApiServiceOverrides = {},
  /** Collects the app's log lines (JSON) instead of printing them. */
  logLines?: string[],
) {
  const log = createLogger({ fn: "api-test" }, "error", logLines ? (line) => logLines.push(line) : undefined);
  return createApiApp({ db, log, env: apiTestEnv(kek, urls) }, overrides);
}

export async function anonKey(secret = TEST_JWT_SECRET): Promise<string> {
  const { SignJWT } = await import("jose");
  return new SignJWT(TEST_ANON_KEY_CLAIMS)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));
}

/** The local Auth server on the test database, with the seeded users' password set. */
export async function testAuthApp(db: Database) {
  await ensureAuthTables(db.sql);
  await setSeedPasswords(db.sql, SEED_EMAILS, TEST_SEED_PASSWORD);
  return createLocalAuthApp({
    sql: db.sql,
    log: createLogger({ fn: "auth-test" }, "error"),
    jwtSecret: TEST_JWT_SECRET,
    apiUrl: "http://127.0.0.1:54321",
    allowedOrigins: [TEST_ORIGIN],
  });
}

type AuthApp = Awaited<ReturnType<typeof testAuthApp>>;

export interface Session {
  access_token: string;
  refresh_token: string;
  user: { id: string; email: string };
}

/** Signs up a new user through /auth/v1/signup and returns the session (confirmation is off locally). */
export async function signUp(
  auth: AuthApp,
  email: string,
  password = "correct horse battery",
): Promise<Session> {
  return authPost(auth, "/auth/v1/signup", { email, password, data: {} });
}

export async function signIn(auth: AuthApp, email: string, password = TEST_SEED_PASSWORD): Promise<Session> {
  return authPost(auth, "/auth/v1/token?grant_type=password", { email, password, gotrue_meta_security: {} });
}

async function authPost(auth: AuthApp, path: string, body: unknown): Promise<Session> {
  const response = await auth.request(path, {
    method: "POST",
    headers: { apikey: await anonKey(), "content-type": "application/json;charset=UTF-8" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Session;
}

/** Request helper: JSON in and out, with the bearer token. */
export function caller(app: ReturnType<typeof testApiApp>, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.request(`/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
}
