import { hc } from "hono/client";
import { beforeAll } from "vitest";
import { createLocalAuthApp } from "../../functions/_local/auth/app.ts";
import { SEED_EMAILS } from "../../functions/_local/auth/index.ts";
import { ensureAuthTables, setSeedPasswords } from "../../functions/_local/auth/store.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { type ApiApp, type ApiServiceOverrides, createApiApp } from "../../functions/api/app.ts";
import type { TestDatabase } from "./database.ts";
import { exampleSetting, FAKE_TWILIO } from "./test-env.ts";
import { TEST_KEK } from "./test-keys.ts";
import { UNREACHABLE_URL } from "./twilio-simulator.ts";

/** A Supabase Auth session, as the local Auth server (and GoTrue) returns it. */
export interface Session {
  access_token: string;
  refresh_token: string;
  user: { id: string; email: string };
}

type AuthApp = ReturnType<typeof createLocalAuthApp>;

export interface ApiAppOptions {
  /** Empty and re-seed the database first (before the Auth server sets the seeded users' password). */
  resetData?: boolean;
  /** The Twilio REST and Verify base (a useTwilioSimulator's `url`), read when the app is built. */
  twilioUrl?: () => string;
  /** The Upstash REST base (an Upstash simulator's `url`), read when the app is built. */
  upstashUrl?: () => string;
  /** Settings over the test environment (e.g. FUNCTIONS_PUBLIC_URL of a twilio function the test serves). */
  env?: Record<string, string>;
  /** Services replaced for the whole file, read when the app is built. */
  services?: () => ApiServiceOverrides;
  /** Collects the app's log lines (JSON) instead of printing them. */
  logLines?: string[];
}

/** The api's settings for tests: `.env.example`'s, with the test database's KEK and the fake account. */
export function apiTestEnv(
  urls: { twilio?: string; upstash?: string } = {},
  env: Record<string, string> = {},
) {
  return {
    SUPABASE_JWT_SECRET: exampleSetting("SUPABASE_JWT_SECRET"),
    ALLOWED_ORIGINS: exampleSetting("ALLOWED_ORIGINS"),
    MEMORY_KEK: TEST_KEK.key,
    MEMORY_KEK_VERSION: String(TEST_KEK.version),
    TWILIO_ACCOUNT_SID: FAKE_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: FAKE_TWILIO.authToken,
    TWILIO_API_BASE_URL: urls.twilio ?? UNREACHABLE_URL,
    TWILIO_VERIFY_BASE_URL: urls.twilio ?? UNREACHABLE_URL,
    TWILIO_VERIFY_SERVICE_SID: FAKE_TWILIO.verifyServiceSid,
    TWILIO_PHONE_NUMBER: FAKE_TWILIO.phoneNumber,
    UPSTASH_REDIS_REST_URL: urls.upstash ?? UNREACHABLE_URL,
    UPSTASH_REDIS_REST_TOKEN: exampleSetting("UPSTASH_REDIS_REST_TOKEN"),
    ALLOW_FICTIONAL_PHONE_NUMBERS: "true",
    FUNCTIONS_PUBLIC_URL: `${UNREACHABLE_URL}/functions/v1`,
    // Test calls are placed at wall-clock time: no calling-hours floor unless a test sets one.
    CALLING_HOURS_FLOOR: "00:00-00:00",
    ...env,
  };
}

/**
 * Hono's typed client over functions/api — the same `hc<ApiApp>` the web app uses, so a renamed route or
 * field is a type error in the test too. `target` is an app in this process (requests go through
 * `app.request`, no server) or the URL of a running functions gateway (`…/functions/v1`).
 */
export function apiClient(target: Pick<ApiApp, "request"> | string, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const root =
    typeof target === "string"
      ? hc<ApiApp>(target, { headers })
      : hc<ApiApp>("http://api.test", {
          headers,
          fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
            target.request(input, init)) as typeof fetch,
        });
  return root.api as NonNullable<typeof root.api>;
}

export type ApiClient = ReturnType<typeof apiClient>;

/**
 * functions/api and the local Auth server on the test database, built once for the file (after the
 * database is ready): sign up or sign in the way the web app does, then call routes through the typed
 * client, or as raw requests (`request`) for bodies the client would not let a test write.
 */
export function useApiApp(database: TestDatabase, options: ApiAppOptions = {}) {
  let app: ApiApp | undefined;
  let auth: AuthApp | undefined;
  beforeAll(async () => {
    if (options.resetData) await database.resetData();
    await ensureAuthTables(database.db.sql);
    await setSeedPasswords(database.db.sql, SEED_EMAILS, exampleSetting("SEED_USER_PASSWORD"));
    auth = createLocalAuthApp({
      sql: database.db.sql,
      log: createLogger({ fn: "auth-test" }, "error"),
      jwtSecret: exampleSetting("SUPABASE_JWT_SECRET"),
      apiUrl: "http://127.0.0.1:54321",
      allowedOrigins: exampleSetting("ALLOWED_ORIGINS").split(","),
    });
    app = build();
  });

  const ready = () => {
    if (!app || !auth) throw new Error("useApiApp() is ready only inside tests and hooks");
    return { app, auth };
  };

  /** Another api app on the same database (other settings, services or log), for one test. */
  const build = (
    variant: { env?: Record<string, string>; services?: ApiServiceOverrides; logLines?: string[] } = {},
  ): ApiApp => {
    const { env = {}, services = {} } = variant;
    const logLines = variant.logLines ?? options.logLines;
    const log = createLogger(
      { fn: "api-test" },
      "error",
      logLines ? (line) => logLines.push(line) : undefined,
    );
    const urls = { twilio: options.twilioUrl?.(), upstash: options.upstashUrl?.() };
    const settings = apiTestEnv(
      Object.fromEntries(Object.entries(urls).filter(([, url]) => url !== undefined)),
      { ...options.env, ...env },
    );
    return createApiApp({ db: database.db, log, env: settings }, { ...options.services?.(), ...services });
  };

  const authPost = async (path: string, body: unknown): Promise<Session> => {
    const response = await ready().auth.request(path, {
      method: "POST",
      headers: {
        apikey: exampleSetting("SUPABASE_ANON_KEY"),
        "content-type": "application/json;charset=UTF-8",
      },
      body: JSON.stringify(body),
    });
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Session;
  };

  /** JSON in and out with the bearer token, by path (`/lines`, under /api) — for malformed bodies. */
  const request =
    (token?: string, target: Pick<ApiApp, "request"> = ready().app) =>
    async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await target.request(`/api${path}`, {
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

  /** Signs up a new user through /auth/v1/signup (confirmation is off locally). */
  const signUp = (email: string, password = "correct horse battery"): Promise<Session> =>
    authPost("/auth/v1/signup", { email, password, data: {} });

  return {
    get app() {
      return ready().app;
    },
    get auth() {
      return ready().auth;
    },
    build,
    request,
    /** The typed client as the holder of `token` (none: signed out). */
    client: (token?: string, target: Pick<ApiApp, "request"> = ready().app) => apiClient(target, token),
    signUp,
    /** Signs a user in with the password grant; seeded users have SEED_USER_PASSWORD. */
    signIn: (email: string, password = exampleSetting("SEED_USER_PASSWORD")): Promise<Session> =>
      authPost("/auth/v1/token?grant_type=password", { email, password, gotrue_meta_security: {} }),
    /** Signs up a new user who joins `accountId` as a member (not the owner), as an accepted invite leaves it. */
    signUpMember: async (accountId: string, email: string): Promise<Session> => {
      const session = await signUp(email);
      await database.db.sql`
        insert into public.ultaura_account_members (account_id, user_id, role)
        values (${accountId}, ${session.user.id}, 'member')`;
      return session;
    },
  };
}

export type ApiTestApp = ReturnType<typeof useApiApp>;
