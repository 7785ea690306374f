import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  phoneNumber,
  startLiveSession,
  TEST_KEK,
  testBridgeApp,
  useSimulatedApi,
  useTestDatabase,
} from "../support/kit.ts";

/**
 * Twilio's REST API failing while we send a text (issue 23): a safety alert to a trusted contact and a
 * verification code. Faults come from the simulator's `/_sim/faults/rest`; each case asserts that nothing
 * is lost (retried, or recorded so the next attempt sends it) and nothing reaches a person twice.
 */
const testDb = useTestDatabase();
const { twilio, api } = useSimulatedApi(testDb, { twilio: { statusCallbackUrl: "" } });
beforeEach(async () => {
  await testDb.resetData();
  await fetch(`${twilio.url}/_sim/reset`, { method: "POST" });
});

const ELLEN = phoneNumber();
/** Rose's trusted contacts once Ellen is added: Daniel (seeded) and Ellen. */
const CONTACTS = [SEED.phones.daniel, ELLEN].sort();
const texted = () =>
  twilio.sim
    .messages()
    .map((m) => m.to)
    .sort();
const failNext = (path: string, status: 429 | 500 | 503, count = 1) =>
  fetch(`${twilio.url}/_sim/faults/rest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, status, count }),
  });

async function callWithTrustedContact() {
  const [ellen] = await testDb.db.sql<{ id: string }[]>`
    insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
    values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'Ellen', ${ELLEN}, '{high}', now()) returning id`;
  // Her agreement to safety texts, the evidence the alert path asks for (0028).
  await testDb.db.sql`
    insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id)
    values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'trusted_contact_alerts', true, 'web', ${SEED.users.demo.id}, ${ellen?.id ?? null})`;
  return startLiveSession(testDb.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
}
const highConcern = { tier: "high", signals: ["hopelessness"], actionTaken: "suggested_988" };
const notified = (session: string) =>
  testDb.db.sql<{ notified: boolean }[]>`
    select contacts_notified_at is not null as notified from public.ultaura_safety_events
    where call_session_id = ${session} order by created_at`;

describe("Twilio REST failing when sending a safety alert", () => {
  it("a refusal Twilio surely did not act on (429, 503) is retried at once: each contact gets one text", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, twilio.url);
    const session = await callWithTrustedContact();
    await failNext("Messages.json", 429);
    const { body } = await callTool(app, session, "log_safety_concern", highConcern);
    expect(body.output).toMatchObject({ contactsAlerted: 2 });
    expect(texted()).toEqual(CONTACTS);
    expect(await notified(session)).toEqual([{ notified: true }]);
  });

  it("a failure that may have sent is not retried; the event records nobody told, and the next report sends once", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, twilio.url);
    const session = await callWithTrustedContact();
    await failNext("Messages.json", 500, 2);
    const first = await callTool(app, session, "log_safety_concern", highConcern);
    expect(first.body.output).toMatchObject({ logged: true, contactsAlerted: 0 });
    expect(twilio.sim.messages()).toHaveLength(0);
    expect(await notified(session)).toEqual([{ notified: false }]);

    const second = await callTool(app, session, "log_safety_concern", highConcern);
    expect(second.body.output).toMatchObject({ contactsAlerted: 2 });
    const third = await callTool(app, session, "log_safety_concern", highConcern);
    expect(third.body.output).toMatchObject({ contactsAlerted: 0 });
    expect(texted()).toEqual(CONTACTS);
    expect(await notified(session)).toEqual([{ notified: false }, { notified: true }, { notified: false }]);
  });

  it("the caller's own words trip the emergency backstop while Twilio is down: recorded unsent, never doubled", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, twilio.url);
    const session = await callWithTrustedContact();
    await failNext("Messages.json", 503, 4); // both contacts, each tried twice
    const { response } = await bridgePost(app, `sessions/${session}/transcript`, {
      text: "I fell and I can't get up",
    });
    expect(response.status).toBeLessThan(300);
    expect(twilio.sim.messages()).toHaveLength(0);
    expect(await notified(session)).toEqual([{ notified: false }]);
    // The model's report of the same moment now claims the alert and sends it, once.
    const { body } = await callTool(app, session, "log_safety_concern", highConcern);
    expect(body.output).toMatchObject({ contactsAlerted: 2 });
    expect(texted()).toEqual(CONTACTS);
  });
});

describe("Twilio REST failing when sending a verification code", () => {
  it("refuses with verification_unavailable, records nothing, and the family's retry sends one code", async () => {
    const session = await api.signUp(`fault-${Date.now()}@example.com`);
    const call = api.request(session.access_token);
    expect((await call("POST", "/accounts", { name: "Fault family" })).status).toBe(201);
    const phone = phoneNumber();
    const line = await call("POST", "/lines", { displayName: "Rosa", phone, timezone: "America/Chicago" });
    const lineId = line.body.id as string;

    await failNext("Verifications", 503);
    const refused = await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.body.error.code).toBe("verification_unavailable");
    const rows = () =>
      testDb.db.sql`select status from public.ultaura_phone_verifications where line_id = ${lineId}`;
    expect(await rows()).toEqual([]);
    expect(twilio.sim.lastCode(phone)).toBeUndefined();

    const sent = await call("POST", `/lines/${lineId}/verify/send`, { channel: "sms" });
    expect(sent.status).toBe(202);
    expect(await rows()).toEqual([{ status: "pending" }]);
    expect(twilio.sim.lastCode(phone)).toMatch(/^\d{6}$/);
  });
});
