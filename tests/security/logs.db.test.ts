import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { trackedBackground } from "../../functions/_shared/platform/runtime/background.ts";
import { createApiApp } from "../../functions/api/app.ts";
import { createBridgeApp } from "../../functions/bridge/app.ts";
import { createTwilioApp } from "../../functions/twilio/app.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  apiTestEnv,
  BILLING_TEST_SECRET,
  type BillingTestbed,
  bridgePost,
  bridgeTestEnv,
  FAKE_TWILIO,
  phoneNumber,
  startBillingTestbed,
  TEST_BRIDGE_SECRET,
  TEST_KEK,
  useApiApp,
  useTestDatabase,
  useTwilioSimulator,
  useUpstashSimulator,
} from "../support/kit.ts";
import { newCallSid, twilioTestEnv } from "../support/twilio-webhooks.ts";

/**
 * Every log line of a whole call on the functions side — Twilio's webhooks, the Worker's context, tool,
 * transcript and end requests, a safety alert texted to a trusted contact, a memory stored — and of a
 * number's verification (api, Twilio Verify, the rate limiter) and a checkout (api, Stripe's webhooks to
 * billing) is one JSON object with a request id (and, for a call, its session id), and none carries a phone
 * number unmasked, a secret, a token, a verification code, or what the person said or asked to be remembered.
 */
const testDb = useTestDatabase();
const lines: string[] = [];
// Sign-up and sign-in through the local Auth server; the api under test is built below with this file's logger.
const auth = useApiApp(testDb, { resetData: true });
const twilio = useTwilioSimulator({ statusCallbackUrl: "" });
const upstash = useUpstashSimulator();
const ellenPhone = phoneNumber();
let billing: BillingTestbed;

beforeAll(async () => {
  billing = await startBillingTestbed(testDb.db, lines);
});
afterAll(async () => {
  await billing?.stop();
});

describe("logs", () => {
  it("are JSON lines with request and call ids, and leak no number, secret, token, code or memory", async () => {
    const log = createLogger({}, "debug", (line) => lines.push(line));
    const background = trackedBackground();
    const twilioApp = createTwilioApp(
      { db: testDb.db, log, env: twilioTestEnv },
      {
        fetch: (async () => new Response(null, { status: 202 })) as typeof fetch,
        inBackground: background.run,
        endReportWaitMs: 0,
      },
    );
    const bridge = createBridgeApp({ db: testDb.db, log, env: bridgeTestEnv(twilio.url) });
    const post = (path: string, params: Record<string, string>) => {
      const url = `${twilioTestEnv.FUNCTIONS_PUBLIC_URL}${path}`;
      return twilioApp.request(path, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": getExpectedTwilioSignature(twilioTestEnv.TWILIO_AUTH_TOKEN, url, params),
        },
        body: new URLSearchParams(params),
      });
    };

    // The whole call: Rose rings, the stream breaks once and reconnects, the model works, the call ends.
    const callSid = newCallSid();
    const answer = await (
      await post("/twilio/voice/inbound", {
        CallSid: callSid,
        AccountSid: FAKE_TWILIO.accountSid,
        From: SEED.phones.rose,
        To: twilioTestEnv.TWILIO_PHONE_NUMBER,
        CallStatus: "ringing",
        StirVerstat: "TN-Validation-Passed-A",
      })
    ).text();
    const streamToken = /name="token" value="([^"]+)"/.exec(answer)?.[1] as string;
    const action = (/<Connect action="([^"]+)">/.exec(answer)?.[1] ?? "").replaceAll("&amp;", "&");
    const session = new URL(action).searchParams.get("sessionId") as string;
    await post(action.slice(twilioTestEnv.FUNCTIONS_PUBLIC_URL.length), { CallSid: callSid });
    await background.settled();

    const [ellen] = await testDb.db.sql<{ id: string }[]>`
      insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'Ellen', ${ellenPhone}, '{high}', now()) returning id`;
    // Her agreement to safety texts, the evidence the alert path asks for (0028).
    await testDb.db.sql`
      insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'trusted_contact_alerts', true, 'web', ${SEED.users.demo.id}, ${ellen?.id ?? null})`;
    const context = (await (await bridgePost(bridge, `sessions/${session}/context`, {})).json()) as Record<
      string,
      unknown
    >;
    const said = "I feel hopeless and my neighbour Gertrude took my pills";
    await bridgePost(bridge, `sessions/${session}/transcript`, { text: said });
    const memory = "Rose keeps her spare key under the blue flowerpot";
    await bridgePost(bridge, `sessions/${session}/tools/store_memory`, {
      callId: "call_mem_1",
      arguments: { text: memory, kind: "fact" },
    });
    await bridgePost(bridge, `sessions/${session}/tools/log_safety_concern`, {
      callId: "call_safety_1",
      arguments: { tier: "high", signals: ["hopelessness"], actionTaken: "suggested_988" },
    });
    await bridgePost(bridge, `sessions/${session}/end`, {
      endReason: "caller_hangup",
      streamSeconds: 95,
      callerTurns: 3,
      assistantTurns: 3,
      bargeIns: 0,
      toolCalls: 2,
      firstAudioMs: 200,
    });
    await post("/twilio/status", {
      CallSid: callSid,
      CallStatus: "completed",
      CallDuration: "97",
      SequenceNumber: "4",
    });
    expect(
      twilio.sim
        .messages()
        .map((m) => m.to)
        .sort(),
    ).toEqual([ellenPhone, SEED.phones.daniel].sort());

    // A verification: a new family adds Rosa's number, asks for a code, types a wrong one, then the right one.
    const apiEnv = apiTestEnv({ twilio: twilio.url, upstash: upstash.url });
    const api = createApiApp({ db: testDb.db, log, env: apiEnv }, { billing: () => billing.deps });
    const family = await auth.signUp(`logs-${Date.now()}@example.com`);
    const asFamily = auth.request(family.access_token, api);
    expect((await asFamily("POST", "/accounts", { name: "Log family" })).status).toBe(201);
    const rosaPhone = phoneNumber();
    const line = await asFamily("POST", "/lines", {
      displayName: "Rosa",
      phone: rosaPhone,
      timezone: "America/Chicago",
    });
    const lineId = line.body.id as string;
    expect((await asFamily("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
    const code = twilio.sim.lastCode(rosaPhone) as string;
    const wrongCode = code === "000000" ? "111111" : "000000";
    expect(
      (await asFamily("POST", `/lines/${lineId}/verify/check`, { code: wrongCode, consentAttested: true }))
        .status,
    ).toBe(400);
    expect(
      (await asFamily("POST", `/lines/${lineId}/verify/check`, { code, consentAttested: true })).status,
    ).toBe(200);

    // A checkout: the demo trial's owner buys Care; Stripe's webhooks reach functions/billing.
    const owner = auth.request((await auth.signIn(SEED.users.demo.email)).access_token, api);
    const checkout = await owner("POST", "/billing/checkout", { plan: "care" });
    expect(checkout.status).toBe(200);
    const deliveries = await billing.sim.completeCheckout(
      (checkout.body.url as string).split("/").pop() as string,
    );
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const [account] = await testDb.db
      .sql`select plan_id from ultaura_accounts where id = ${SEED.accounts.demo}`;
    expect(account?.plan_id).toBe("care");

    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('"fn":"billing-test"'))).toBe(true);
    const secrets = [
      twilioTestEnv.TWILIO_AUTH_TOKEN,
      twilioTestEnv.STREAM_TOKEN_SECRET,
      twilioTestEnv.PREPARE_SIGNING_SECRET,
      TEST_BRIDGE_SECRET,
      TEST_KEK.key,
      streamToken,
      FAKE_TWILIO.authToken,
      apiEnv.UPSTASH_REDIS_REST_TOKEN,
      billing.env.STRIPE_SECRET_KEY,
      BILLING_TEST_SECRET,
      family.access_token,
      family.refresh_token,
    ];
    const privateWords = [
      said,
      "hopeless",
      "Gertrude",
      memory,
      "flowerpot",
      String(context.instructions ?? "").slice(0, 40),
    ];
    const leaks: string[] = [];
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.requestId !== "string") leaks.push(`no request id: ${line}`);
      const aboutCall = typeof entry.path === "string" && /sessions\/|voice\/|\/status/.test(entry.path);
      if (
        aboutCall &&
        entry.message !== "request" &&
        typeof entry.callSessionId !== "string" &&
        typeof entry.callSid !== "string"
      )
        leaks.push(`no call id: ${line}`);
      // Ids are not numbers a person owns: uuids, Twilio's and Stripe's sids would read as digits.
      const bare = line
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
        .replace(/\b(CA|SM|VE|evt_|cs_test_|sub_|cus_|in_)[0-9A-Za-z_]+/g, "<sid>");
      if (/\+?1?\d{10,}/.test(bare)) leaks.push(`phone number: ${line}`);
      for (const typed of [code, wrongCode])
        if (new RegExp(`(^|[^0-9A-Za-z])${typed}($|[^0-9A-Za-z])`).test(bare)) leaks.push(`code: ${line}`);
      for (const secret of secrets) if (secret && line.includes(secret)) leaks.push(`secret: ${line}`);
      for (const word of privateWords) if (word && line.includes(word)) leaks.push(`private words: ${line}`);
      if (/eyJ[A-Za-z0-9_-]{10,}\./.test(line)) leaks.push(`token: ${line}`);
    }
    expect(leaks).toEqual([]);
  });
});
