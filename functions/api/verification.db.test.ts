import { describe, expect, it } from "vitest";
import {
  type ApiTestApp,
  FAKE_TWILIO,
  phoneNumber,
  UNREACHABLE_URL,
  useSimulatedApi,
  useTestDatabase,
} from "../../tests/support/kit.ts";
import { createTwilioRest } from "../_shared/platform/twilio-rest.ts";

/**
 * Phone verification and the test call end to end: the api over real HTTP to the Twilio simulator's Verify and to the
 * Upstash REST simulator, with the real @upstash/ratelimit deciding the limits.
 */
const database = useTestDatabase();
// Rings and ring timeouts in milliseconds rather than seconds.
const { twilio, api } = useSimulatedApi(database, { resetData: true, twilio: { timeScale: 0.01 } });
let families = 0;

/** A new family with one unverified line on `phone`. */
async function familyWithLine(phone: string, apiApp = api.app) {
  families += 1;
  const session = await api.signUp(`family${families}-${Date.now()}@example.com`);
  const call = api.request(session.access_token, apiApp);
  expect((await call("POST", "/accounts", { name: `Family ${families}` })).status).toBe(201);
  const line = await call("POST", "/lines", { displayName: "Rosa", phone, timezone: "America/Chicago" });
  expect(line.status).toBe(201);
  return { call, lineId: line.body.id as string, userId: session.user.id };
}

describe("verifying a line's number", () => {
  it("has a healthy rate limiter", async () => {
    const health = await api.request()("GET", "/health");
    expect(health.status).toBe(200);
    expect(health.body.checks).toMatchObject({ database: { ok: true }, rateLimits: { ok: true } });
  });

  it("sends a code, refuses a wrong one with the attempts left, and verifies with the right one", async () => {
    const phone = phoneNumber();
    const { call, lineId, userId } = await familyWithLine(phone);
    const sent = await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ status: "pending", channel: "sms", to: phone });
    const code = twilio.sim.lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await call("POST", `/lines/${lineId}/verify/check`, {
      code: code === "000000" ? "111111" : "000000",
      consentAttested: true,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toEqual({
      code: "wrong_code",
      message: "That code is not right. You have 4 attempts left.",
    });

    const right = await call("POST", `/lines/${lineId}/verify/check`, { code, consentAttested: true });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({
      verified: true,
      line: { id: lineId, phoneVerified: true, status: "active" },
    });
    const [consent] = await database.db.sql`
      select kind, granted, source, granted_by_user_id from public.ultaura_consents where line_id = ${lineId}`;
    expect(consent).toEqual({ kind: "ai_calls", granted: true, source: "web", granted_by_user_id: userId });
    const [attempt] = await database.db.sql`
      select status, check_attempts, channel from public.ultaura_phone_verifications where line_id = ${lineId}`;
    expect(attempt).toEqual({ status: "approved", check_attempts: 1, channel: "sms" });
    expect((await call("POST", `/lines/${lineId}/verify/send`, { channel: "call" })).status).toBe(409);
  });

  it("refuses the 6th send for one phone within the hour with 429 and Retry-After, before Twilio is asked", async () => {
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone);
    for (let i = 0; i < 5; i++) {
      expect((await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
    }
    const sixth = await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe("rate_limited");
    expect(sixth.body.error.message).toMatch(
      /^Too many codes were sent to this number\. Please try again in \d+ (minutes|seconds)\.$/,
    );
    const retryAfter = Number(sixth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2 * 3600);
    // Our limiter's sentence, not Twilio's 60203 ("…recently…"): Twilio was not asked a 6th time.
  });

  it("maps Twilio's own send limit (60203) to the same 429", async () => {
    const permissive = api.build({ services: { limit: async () => ({ kind: "allowed" }) } });
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone, permissive);
    for (let i = 0; i < 5; i++) {
      expect((await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
    }
    const refused = await call("POST", `/lines/${lineId}/verify/send`, { channel: "call" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect(refused.body.error.message).toBe(
      "Too many codes were sent to this number recently. Please try again in 10 minutes.",
    );
  });

  it("asks for a new code when there is no live one, and after too many wrong codes", async () => {
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone);
    const none = await call("POST", `/lines/${lineId}/verify/check`, {
      code: "123456",
      consentAttested: true,
    });
    expect(none.status).toBe(400);
    expect(none.body.error).toEqual({
      code: "code_expired",
      message: "This code has expired or was already used. Please send a new code.",
    });
    await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
    const wrongCode = twilio.sim.lastCode(phone) === "000000" ? "111111" : "000000";
    const messages = [];
    for (let i = 0; i < 6; i++)
      messages.push(
        (await call("POST", `/lines/${lineId}/verify/check`, { code: wrongCode, consentAttested: true })).body
          .error.message,
      );
    expect(messages.slice(0, 5)).toEqual([
      "That code is not right. You have 4 attempts left.",
      "That code is not right. You have 3 attempts left.",
      "That code is not right. You have 2 attempts left.",
      "That code is not right. You have 1 attempt left.",
      "That code is not right, and no attempts are left. Please send a new code.",
    ]);
    expect(messages[5]).toBe("Too many wrong codes were tried. Please send a new code.");
  });

  it("fails closed when Redis is unreachable: sending is refused with a sentence, other routes still work", async () => {
    const logLines: string[] = [];
    const noRedis = api.build({ env: { UPSTASH_REDIS_REST_URL: UNREACHABLE_URL }, logLines });
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone, noRedis);
    const refused = await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toEqual({
      code: "temporarily_unavailable",
      message: "We can't do that right now. Please try again in a few minutes.",
    });
    expect(twilio.sim.verificationCodes(phone)).toHaveLength(0);
    const outage = logLines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.message === "rate limiter unavailable: refusing");
    expect(outage).toMatchObject({ level: "error", limit: "verifySendPerPhone" });
    expect((await call("GET", `/lines/${lineId}`)).status).toBe(200);
  });
});

/** Verifies `lineId`'s number with the code the Twilio simulator sent. */
async function verify(call: ReturnType<ApiTestApp["request"]>, lineId: string, phone: string) {
  expect((await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
  expect(
    (
      await call("POST", `/lines/${lineId}/verify/check`, {
        code: twilio.sim.lastCode(phone),
        consentAttested: true,
      })
    ).status,
  ).toBe(200);
}

describe("consent evidence at the code check (issue 21)", () => {
  const consents = (lineId: string) =>
    database.db.sql`select 1 from public.ultaura_consents where line_id = ${lineId} and kind = 'ai_calls'`;
  const verifiedAt = async (lineId: string) =>
    (await database.db.sql`select phone_verified_at from public.ultaura_lines where id = ${lineId}`)[0]
      ?.phone_verified_at;

  it("requires consentAttested: true, naming the field, and records nothing without it", async () => {
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone);
    expect((await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
    for (const body of [
      { code: twilio.sim.lastCode(phone) },
      { code: twilio.sim.lastCode(phone), consentAttested: false },
    ]) {
      const refused = await call("POST", `/lines/${lineId}/verify/check`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain("consentAttested");
    }
    expect(await verifiedAt(lineId)).toBeNull();
    expect(await consents(lineId)).toHaveLength(0);
  });

  it("fails and changes nothing when the number changed while the code was checked", async () => {
    const phone = phoneNumber();
    const moved = phoneNumber();
    const real = createTwilioRest({
      accountSid: FAKE_TWILIO.accountSid,
      authToken: FAKE_TWILIO.authToken,
      apiBaseUrl: twilio.url,
      verifyBaseUrl: twilio.url,
      verifyServiceSid: FAKE_TWILIO.verifyServiceSid,
    });
    let lineId = "";
    // Twilio approves the old number's code; meanwhile another request moves the line to a new number.
    const racing = api.build({
      services: {
        twilio: {
          ...real,
          checkVerification: async (to, code) => {
            const result = await real.checkVerification(to, code);
            await database.db.sql`update public.ultaura_lines set phone_e164 = ${moved} where id = ${lineId}`;
            return result;
          },
        },
      },
    });
    const family = await familyWithLine(phone, racing);
    lineId = family.lineId;
    expect((await family.call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
    const checked = await family.call("POST", `/lines/${lineId}/verify/check`, {
      code: twilio.sim.lastCode(phone),
      consentAttested: true,
    });
    expect(checked.status).toBe(409);
    expect(checked.body.error.code).toBe("number_changed");
    expect(await verifiedAt(lineId)).toBeNull();
    expect(await consents(lineId)).toHaveLength(0);
    const [attempt] = await database.db.sql`
      select status from public.ultaura_phone_verifications where line_id = ${lineId}`;
    expect(attempt?.status).toBe("pending");
  });
});

describe("who may be sent a code (issue 21)", () => {
  // 32 families are signed up first (a password hash each): slow on a loaded machine, so a longer limit.
  it("keys the per-IP limit on the address the edge appended: 31 sends with 31 different first X-Forwarded-For values are limited like 31 from one", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const { call, lineId } = await familyWithLine(`+1555555${String(2000 + i)}`);
      const sent = await call(
        "POST",
        `/lines/${lineId}/verify/send`,
        { channel: "sms" },
        {
          // The client writes the first entries; the platform's edge appends the address it saw.
          "x-forwarded-for": `198.51.100.${i + 1}, 203.0.113.7`,
        },
      );
      statuses.push(sent.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 202)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another client address still gets its codes.
    const { call, lineId } = await familyWithLine("+15555552099");
    const other = await call(
      "POST",
      `/lines/${lineId}/verify/send`,
      { channel: "sms" },
      {
        "x-forwarded-for": "198.51.100.1, 203.0.113.8",
      },
    );
    expect(other.status).toBe(202);
  }, 120_000);

  it("refuses a premium-rate number and a number outside the allowed countries, and sends nothing", async () => {
    for (const [phone, code] of [
      ["+19005551234", "number_type_not_allowed"],
      ["+18095551234", "country_not_allowed"],
    ] as const) {
      const { call, lineId } = await familyWithLine(phone);
      const refused = await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe(code);
      expect(twilio.sim.verificationCodes(phone)).toEqual([]);
    }
  });
});

describe("the test call", () => {
  it("refuses an unverified line, then rings the verified line's phone and shows the call in activity", async () => {
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone);
    const unverified = await call("POST", `/lines/${lineId}/test-call`);
    expect(unverified.status).toBe(409);
    expect(unverified.body.error.message).toBe("Verify Rosa's phone number before placing a test call.");
    await verify(call, lineId, phone);
    twilio.sim.setCallee(phone, { answer: "no-answer" });

    const placed = await call("POST", `/lines/${lineId}/test-call`);
    expect(placed.status).toBe(202);
    const { callSessionId } = placed.body;
    const [session] = await database.db.sql<{ twilio_call_sid: string }[]>`
      select twilio_call_sid from public.ultaura_call_sessions where id = ${callSessionId}`;
    const summary = await twilio.sim.waitForCall(String(session?.twilio_call_sid));
    expect(summary).toMatchObject({ direction: "outbound-api", to: phone, status: "no-answer" });

    const activity = await call("GET", `/calls?lineId=${lineId}`);
    expect(activity.body.items).toEqual([
      expect.objectContaining({ id: callSessionId, lineId, direction: "outbound", isTest: true }),
    ]);
  });

  it("respects quiet hours in the line's zone unless asked to ignore them, and allows 3 an hour", async () => {
    // 20:30 in Chicago: inside the line's 20:00–08:00 quiet hours, inside the 08:00–21:00 calling-hours floor.
    const lateEvening = api.build({
      services: {
        now: () => new Date("2026-11-28T02:30:00Z"),
      },
    });
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone, lateEvening);
    await verify(call, lineId, phone);
    expect(
      (await call("PATCH", `/lines/${lineId}`, { quietHours: { start: "20:00", end: "08:00" } })).status,
    ).toBe(200);
    twilio.sim.setCallee(phone, { answer: "busy" });

    const quiet = await call("POST", `/lines/${lineId}/test-call`, {});
    expect(quiet.status).toBe(409);
    expect(quiet.body.error.message).toBe(
      "It is within Rosa's quiet hours now. Try later, or choose to call anyway.",
    );
    for (let i = 0; i < 2; i++) {
      expect((await call("POST", `/lines/${lineId}/test-call`, { ignoreQuietHours: true })).status).toBe(202);
    }
    const fourth = await call("POST", `/lines/${lineId}/test-call`, { ignoreQuietHours: true });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.message).toMatch(
      /^Each line can get 3 test calls an hour\. Please try again in /,
    );
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("test call refusals", () => {
  it("explains an opt-out and an account without minutes, and rings nobody", async () => {
    const phone = phoneNumber();
    const { call, lineId } = await familyWithLine(phone);
    await verify(call, lineId, phone);
    const [line] = await database.db.sql<{ account_id: string }[]>`
      select account_id from public.ultaura_lines where id = ${lineId}`;
    const accountId = String(line?.account_id);
    await database.db.sql`
      insert into public.ultaura_opt_outs (account_id, line_id, source) values (${accountId}, ${lineId}, 'voice')`;
    const optedOut = await call("POST", `/lines/${lineId}/test-call`);
    expect(optedOut.status).toBe(409);
    expect(optedOut.body.error).toEqual({
      code: "opt_out",
      message: "Rosa asked not to be called. If they have changed their mind, re-enable calls first.",
    });

    const reenabled = await call("POST", `/lines/${lineId}/reenable-calls`, {
      confirmPersonAgreed: true,
      note: "Rosa asked for her calls back",
    });
    expect(reenabled.status).toBe(200);
    await database.db.sql`update public.ultaura_accounts set minutes_included = 0 where id = ${accountId}`;
    const noMinutes = await call("POST", `/lines/${lineId}/test-call`);
    expect(noMinutes.status).toBe(409);
    expect(noMinutes.body.error.message).toBe(
      "There are no minutes left on this account. Upgrade your plan to keep calling.",
    );
    expect(twilio.sim.calls().filter((summary) => summary.to === phone)).toEqual([]);
  });
});
