import { signRequest } from "../../functions/_shared/contracts/signing/request-signature.ts";
import type { Database } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { type BridgeAppOptions, createBridgeApp } from "../../functions/bridge/app.ts";
import { FAKE_TWILIO } from "./test-env.ts";
import { TEST_KEK } from "./test-keys.ts";

/** Helpers for the bridge function's database tests: a configured app and correctly signed requests. */
export const TEST_BRIDGE_SECRET = "test-bridge-shared-secret-0123456789";

/** The fake Twilio account under the name the bridge tests have used: the kit's one FAKE_TWILIO. */
export const TEST_TWILIO = FAKE_TWILIO;

/** The bridge function's settings for tests: the KEK (the test one), the fake Twilio account at `twilioUrl`. */
export function bridgeTestEnv(twilioUrl: string, kek: { version: number; key: string } = TEST_KEK) {
  return {
    BRIDGE_REQUEST_SECRET: TEST_BRIDGE_SECRET,
    MEMORY_KEK: kek.key,
    MEMORY_KEK_VERSION: String(kek.version),
    TWILIO_ACCOUNT_SID: FAKE_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: FAKE_TWILIO.authToken,
    TWILIO_PHONE_NUMBER: FAKE_TWILIO.phoneNumber,
    TWILIO_API_BASE_URL: twilioUrl,
    XAI_VOICE: "ara",
  };
}

export function testBridgeApp(
  db: Database,
  kek: { version: number; key: string },
  twilioUrl: string,
  options: BridgeAppOptions = {},
) {
  const log = createLogger({ fn: "bridge-test" }, "error");
  return createBridgeApp({ db, log, env: bridgeTestEnv(twilioUrl, kek) }, options);
}

export type BridgeApp = ReturnType<typeof createBridgeApp>;

export interface SignOptions {
  secret?: string;
  nowSeconds?: number;
  /** Replace the signed headers entirely (e.g. to replay an earlier request). */
  headers?: Record<string, string>;
}

/** POSTs `body` to /bridge/<path>, signed as the Worker signs it. Returns the response and headers used. */
export async function bridgePost(app: BridgeApp, path: string, body: unknown, options: SignOptions = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers =
    options.headers ??
    (await signRequest(
      options.secret ?? TEST_BRIDGE_SECRET,
      "bridge",
      { method: "POST", path: `/bridge/${path}`, body: raw },
      options.nowSeconds,
    ));
  const response = await app.request(`/bridge/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw,
  });
  return { response, headers, json: () => response.json() as Promise<Record<string, unknown>> };
}

/** A tool endpoint's answer: a ToolCallResult, or an error body. */
export interface ToolResponseBody {
  output: Record<string, unknown> & {
    memories?: { id: string; text: string }[];
    candidates?: { id: string; text: string }[];
  };
  followUp?: string;
  endCall?: boolean;
  error?: { code: string; message: string };
}

/** Calls a tool on a session and returns status and parsed body. */
export async function callTool(
  app: BridgeApp,
  sessionId: string,
  name: string,
  args: unknown,
  lineId?: string,
) {
  const { response } = await bridgePost(app, `sessions/${sessionId}/tools/${name}`, {
    callId: `call_${name}_${crypto.randomUUID().slice(0, 8)}`,
    arguments: args,
    ...(lineId ? { lineId } : {}),
  });
  return { status: response.status, body: (await response.json()) as ToolResponseBody };
}

/** A call in progress on `lineId`, answered `secondsAgo` seconds ago. Returns its id. */
export async function startLiveSession(
  db: Database,
  session: { accountId: string; lineId: string; direction?: "inbound" | "outbound"; secondsAgo?: number },
): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`
    insert into public.ultaura_call_sessions (account_id, line_id, direction, status, started_at, answered_at)
    values (${session.accountId}, ${session.lineId}, ${session.direction ?? "outbound"}, 'in_progress',
      now() - make_interval(secs => ${session.secondsAgo ?? 30}), now() - make_interval(secs => ${session.secondsAgo ?? 30}))
    returning id`;
  if (!row) throw new Error("session insert returned nothing");
  return row.id;
}
