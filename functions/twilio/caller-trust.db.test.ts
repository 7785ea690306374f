import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { newCallSid, twilioTestApp, twilioTestEnv } from "../../tests/support/twilio-webhooks.ts";

/**
 * Caller-ID trust at the webhook: only a signed StirVerstat of TN-Validation-Passed-A makes an inbound
 * caller trusted; the attestation is recorded on the call session; an unattested caller hears the unknown
 * caller's words for any refusal; a StirVerstat Twilio did not sign is accepted but never trusted.
 */
const testDb = useTestDatabase();
beforeEach(() => testDb.resetData());

const inbound = (from: string, verstat?: string) => ({
  CallSid: newCallSid(),
  AccountSid: twilioTestEnv.TWILIO_ACCOUNT_SID,
  From: from,
  To: twilioTestEnv.TWILIO_PHONE_NUMBER,
  CallStatus: "ringing",
  Direction: "inbound",
  ...(verstat === undefined ? {} : { StirVerstat: verstat }),
});

async function sessionOf(callSid: string) {
  const [row] = await testDb.db.sql<{ caller_trust: string; caller_verstat: string | null }[]>`
    select caller_trust, caller_verstat from ultaura_call_sessions where twilio_call_sid = ${callSid}`;
  return row;
}

describe("caller-ID attestation on inbound calls", () => {
  it("records A-attestation as trusted, and anything else (B, failed, absent) as unattested", async () => {
    const { post, settled } = twilioTestApp(testDb.db);
    const cases: [string | undefined, string][] = [
      ["TN-Validation-Passed-A", "attested"],
      ["TN-Validation-Passed-B", "unattested"],
      ["TN-Validation-Failed-A", "unattested"],
      [undefined, "unattested"],
    ];
    for (const [verstat, trust] of cases) {
      const params = inbound(SEED.phones.rose, verstat);
      const xml = await (await post("/twilio/voice/inbound", params)).text();
      // Every one still gets a warm call.
      expect(xml).toContain("<Stream");
      expect(await sessionOf(params.CallSid)).toEqual({
        caller_trust: trust,
        caller_verstat: verstat ?? null,
      });
    }
    await settled();
  });

  it("accepts a webhook whose StirVerstat was not signed, but never trusts it", async () => {
    const { app, settled } = twilioTestApp(testDb.db);
    const { StirVerstat: _added, ...signed } = inbound(SEED.phones.rose, "TN-Validation-Passed-A");
    const url = `${twilioTestEnv.FUNCTIONS_PUBLIC_URL}/twilio/voice/inbound`;
    const signature = getExpectedTwilioSignature(twilioTestEnv.TWILIO_AUTH_TOKEN, url, signed);
    const sent = { ...signed, StirVerstat: "TN-Validation-Passed-A", CallToken: "opaque" };
    const response = await app.request("/twilio/voice/inbound", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(sent),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<Stream");
    expect(await sessionOf(signed.CallSid)).toMatchObject({ caller_trust: "unattested" });
    await settled();

    // A forged signature is still refused, with or without those parameters.
    const forged = await app.request("/twilio/voice/inbound", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams({ ...sent, From: SEED.phones.paid }),
    });
    expect(forged.status).toBe(403);
  });

  it("an unattested caller hears the unknown caller's words for a refusal, so a number cannot be probed", async () => {
    const { post } = twilioTestApp(testDb.db);
    await testDb.db.sql`update ultaura_accounts set status = 'canceled' where id = ${SEED.accounts.paid}`;
    const unknown = await (await post("/twilio/voice/inbound", inbound("+15555550999"))).text();
    const unattested = await (await post("/twilio/voice/inbound", inbound(SEED.phones.paid))).text();
    expect(unattested).toBe(unknown);
    expect(unattested).not.toContain("Maria");
    const attested = await (
      await post("/twilio/voice/inbound", inbound(SEED.phones.paid, "TN-Validation-Passed-A"))
    ).text();
    expect(attested).toContain("Maria");
  });
});
