import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  FAKE_TWILIO,
  phoneNumber,
  UNREACHABLE_URL,
  useSimulatedApi,
  useTestDatabase,
} from "../support/kit.ts";

/**
 * The kit, end to end on the test database: the api built by `useApiApp` reaches the Twilio and Upstash
 * simulators the file started, a user signs up and verifies a line through the typed client, and a seeded
 * user signs in with `.env.example`'s seed password.
 */
const database = useTestDatabase();
const { twilio, api } = useSimulatedApi(database, { resetData: true, twilio: { timeScale: 0.01 } });

describe("the test kit", () => {
  it("signs up, adds a line on a fresh fictional number and verifies it with the simulator's code", async () => {
    const session = await api.signUp("kit@example.com");
    const client = api.client(session.access_token);
    expect((await client.accounts.$post({ json: { name: "Kit Family" } })).status).toBe(201);
    const phone = phoneNumber();
    const created = await client.lines.$post({
      query: {},
      json: { displayName: "Rosa", phone, timezone: "America/Chicago" },
    });
    expect(created.status).toBe(201);
    const line = (await created.json()) as { id: string };
    const param = { param: { id: line.id } };
    expect((await client.lines[":id"].verify.send.$post({ ...param, json: { channel: "sms" } })).status).toBe(
      202,
    );
    expect(twilio.sim.verificationCodes(phone)).toMatchObject([{ channel: "sms", status: "pending" }]);
    const code = twilio.sim.lastCode(phone) as string;
    const checked = await client.lines[":id"].verify.check.$post({
      ...param,
      json: { code, consentAttested: true },
    });
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({ verified: true, line: { phoneVerified: true } });
  });

  it("signs a seeded user in with SEED_USER_PASSWORD; signed out, the typed client is refused", async () => {
    const session = await api.signIn(SEED.users.demo.email);
    const me = await api.client(session.access_token).me.$get();
    expect(await me.json()).toMatchObject({ user: { id: SEED.users.demo.id } });
    expect((await api.client().me.$get()).status).toBe(401);
  });

  it("builds a variant of the api for one test: without Redis, sending a code is refused and logged", async () => {
    const logLines: string[] = [];
    const noRedis = api.build({ env: { UPSTASH_REDIS_REST_URL: UNREACHABLE_URL }, logLines });
    const client = api.client((await api.signUp("kit-variant@example.com")).access_token, noRedis);
    expect((await client.accounts.$post({ json: { name: "Variant Family" } })).status).toBe(201);
    const created = await client.lines.$post({
      query: {},
      json: { displayName: "Rosa", phone: phoneNumber(), timezone: "America/Chicago" },
    });
    const line = { param: { id: ((await created.json()) as { id: string }).id } };
    const refused = await client.lines[":id"].verify.send.$post({ ...line, json: { channel: "sms" } });
    expect(refused.status).toBe(503);
    expect(logLines.some((line) => line.includes("rate limiter unavailable"))).toBe(true);
  });

  it("hands out each fictional number once, never a seeded one or our own", () => {
    const drawn = Array.from({ length: 20 }, () => phoneNumber());
    expect(new Set(drawn).size).toBe(20);
    for (const number of drawn) {
      expect(number).toMatch(/^\+1555(555|556|557|558)01\d\d$/);
      expect([...Object.values(SEED.phones), FAKE_TWILIO.phoneNumber]).not.toContain(number);
    }
  });
});
