import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import type { Database } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { trackedBackground } from "../../functions/_shared/platform/runtime/background.ts";
import { createTwilioApp, type TwilioAppOptions } from "../../functions/twilio/app.ts";
import { newSid } from "../../simulators/twilio/sids.ts";
import { FAKE_TWILIO } from "./test-env.ts";

export const twilioTestEnv = {
  DATABASE_URL: "postgres://unused",
  TWILIO_ACCOUNT_SID: FAKE_TWILIO.accountSid,
  TWILIO_AUTH_TOKEN: FAKE_TWILIO.authToken,
  TWILIO_PHONE_NUMBER: FAKE_TWILIO.phoneNumber,
  FUNCTIONS_PUBLIC_URL: "https://project.example/functions/v1",
  BRIDGE_PUBLIC_URL: "wss://bridge.example",
  BRIDGE_WORKER_URL: "https://bridge.example",
  PREPARE_SIGNING_SECRET: "test-prepare-signing-secret",
  STREAM_TOKEN_SECRET: "test-stream-token-secret",
};

/** The twilio function as tests drive it, with the Worker's prepare endpoint recorded instead of called. */
export function twilioTestApp(
  db: Database,
  {
    prepareStatus = 202,
    ...options
  }: Pick<TwilioAppOptions, "endReportWaitMs"> & { prepareStatus?: number } = {},
) {
  const prepared: string[] = [];
  const prepareBodies: unknown[] = [];
  const waiters: (() => void)[] = [];
  const fetchPrepare = (async (input: string | URL | Request, init?: RequestInit) => {
    prepared.push(String(input));
    prepareBodies.push(JSON.parse(String(init?.body)));
    for (const wake of waiters.splice(0)) wake();
    return new Response(null, { status: prepareStatus });
  }) as typeof fetch;
  /** Resolves with the n-th prepare request's JSON body (1-based) once the background call was made. */
  const preparedBody = async (n = 1): Promise<unknown> => {
    while (prepareBodies.length < n) await new Promise<void>((wake) => waiters.push(wake));
    return prepareBodies[n - 1];
  };
  const background = trackedBackground();
  const app = createTwilioApp(
    { db, log: createLogger({}, "error"), env: twilioTestEnv },
    { fetch: fetchPrepare, inBackground: background.run, ...options },
  );

  /** POSTs form params the way Twilio does, signed with the `twilio` package over the public URL. */
  const post = (
    path: string,
    params: Record<string, string>,
    sign: "valid" | "none" | { url: string } | { token: string } = "valid",
  ) => {
    const publicUrl = `${twilioTestEnv.FUNCTIONS_PUBLIC_URL}${path}`;
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (sign !== "none") {
      const url = typeof sign === "object" && "url" in sign ? sign.url : publicUrl;
      const token =
        typeof sign === "object" && "token" in sign ? sign.token : twilioTestEnv.TWILIO_AUTH_TOKEN;
      headers["x-twilio-signature"] = getExpectedTwilioSignature(token, url, params);
    }
    return app.request(path, { method: "POST", headers, body: new URLSearchParams(params) });
  };
  /** Resolves once the work the app started after its responses (the prepare calls) has finished. */
  const settled = () => background.settled();
  return { app, post, prepared, preparedBody, settled };
}

/** A fresh CallSid, random as Twilio's are. */
export function newCallSid(): string {
  return newSid("CA");
}

/** Twilio's parameters for a call ringing in from `from` to our number, A-attested (STIR/SHAKEN) as a person's own phone is. */
export function inboundCall(from: string, callSid = newCallSid()) {
  return {
    CallSid: callSid,
    AccountSid: twilioTestEnv.TWILIO_ACCOUNT_SID,
    From: from,
    To: twilioTestEnv.TWILIO_PHONE_NUMBER,
    CallStatus: "ringing",
    Direction: "inbound",
    StirVerstat: "TN-Validation-Passed-A",
  };
}
