import type { Database } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { createSchedulerApp, type SchedulerAppOptions } from "../../functions/scheduler/app.ts";
import { signQstash } from "../../simulators/qstash/sign.ts";
import { FAKE_TWILIO } from "./test-env.ts";

export const schedulerTestEnv = {
  DATABASE_URL: "postgres://unused",
  QSTASH_CURRENT_SIGNING_KEY: "sig_test_current_key",
  QSTASH_NEXT_SIGNING_KEY: "sig_test_next_key",
  FUNCTIONS_PUBLIC_URL: "https://project.example/functions/v1",
  TWILIO_ACCOUNT_SID: FAKE_TWILIO.accountSid,
  TWILIO_AUTH_TOKEN: FAKE_TWILIO.authToken,
  TWILIO_PHONE_NUMBER: FAKE_TWILIO.phoneNumber,
  TWILIO_API_BASE_URL: "https://twilio.example",
  TWILIO_MAX_CPS: "1000",
  // Most tests tick at wall-clock time: no calling-hours floor unless a test sets one.
  CALLING_HOURS_FLOOR: "00:00-00:00",
};
export const TICK_URL = `${schedulerTestEnv.FUNCTIONS_PUBLIC_URL}/scheduler/tick`;

export type TickSigning = "valid" | "none" | { key?: string; url?: string; now?: Date };

/**
 * functions/scheduler as QStash reaches it (ticks signed like QStash's), with Twilio's REST API — outside
 * the process — replaced by a recorder of the calls it is asked to create; texts reach TWILIO_API_BASE_URL. `now` moves the scheduler's clock.
 */
export function schedulerHarness(
  db: Database,
  overrides: Record<string, string> = {},
  now?: () => Date,
  options: Pick<SchedulerAppOptions, "notifyMembers"> = {},
) {
  /** While true, Twilio answers every call creation with a 503 (an outage). */
  const twilioDown = { value: false };
  const dialled: string[] = [];
  const sessions: string[] = [];
  const twilio = (async (input: string | URL | Request, init?: RequestInit) => {
    // Texts (missed-call notices) go on to TWILIO_API_BASE_URL, e.g. a Twilio simulator the test started.
    if (String(input).endsWith("/Messages.json")) return fetch(input, init);
    // The session sweep's look-up: every call this stand-in placed is still ringing.
    if (init?.method === "GET") {
      const sid = /\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(String(input))?.[1];
      return Response.json({ sid, status: "ringing", to: "", from: "", duration: null });
    }
    if (twilioDown.value)
      return Response.json({ code: 20500, message: "Service unavailable", status: 503 }, { status: 503 });
    const form = new URLSearchParams(String(init?.body));
    dialled.push(form.get("To") ?? "");
    sessions.push(new URL(form.get("Url") ?? "http://x").searchParams.get("sessionId") ?? "");
    const sid = `CA${crypto.randomUUID().replaceAll("-", "")}`;
    return Response.json(
      { sid, status: "queued", to: form.get("To"), from: form.get("From") },
      { status: 201 },
    );
  }) as typeof fetch;
  const app = createSchedulerApp(
    { db, log: createLogger({}, "error"), env: { ...schedulerTestEnv, ...overrides } },
    { fetch: twilio, ...(now ? { now } : {}), ...options },
  );
  const tick = async (sign: TickSigning = "valid") => {
    const body = "{}";
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (sign !== "none") {
      const options = sign === "valid" ? {} : sign;
      headers["upstash-signature"] = await signQstash({
        key: options.key ?? schedulerTestEnv.QSTASH_CURRENT_SIGNING_KEY,
        url: options.url ?? TICK_URL,
        body,
        ...(options.now ? { now: options.now } : {}),
      });
    }
    return app.request("/scheduler/tick", { method: "POST", headers, body });
  };
  return { app, tick, dialled, sessions, twilioDown };
}
