import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  FAKE_TWILIO,
  phoneNumber,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";

const t = useTestDatabase();
const twilio = useTwilioSimulator();
const bridge = useBridgeApp(t, { twilio, roseSession: true });

/** A contact; one who opted in has the consent row the family recorded (the evidence the alert path reads). */
const addContact = async (name: string, phone: string, optedIn: boolean, notifyOn = "{high}") => {
  const [row] = await t.db.sql<{ id: string }[]>`
    insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
    values (${SEED.accounts.demo}, ${SEED.lines.rose}, ${name}, ${phone}, ${notifyOn}::public.ultaura_safety_tier[],
      ${optedIn ? new Date() : null})
    returning id`;
  if (optedIn) {
    await t.db.sql`
      insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'trusted_contact_alerts', true, 'web', ${SEED.users.demo.id}, ${row?.id ?? null})`;
  }
};

const concern = (tier: string) => ({ tier, signals: ["hopelessness"], actionTaken: "suggested_988" });

describe("log_safety_concern", () => {
  it("high tier texts each opted-in trusted contact once per call, with nothing private", async () => {
    const ellen = phoneNumber();
    await addContact("Ellen", ellen, true);
    await addContact("Not asked", phoneNumber(), false);
    await addContact("Disabled", phoneNumber(), true);
    await t.db.sql`update public.ultaura_trusted_contacts set enabled = false where name = 'Disabled'`;

    const result = await callTool(bridge.app, bridge.session, "log_safety_concern", concern("high"));
    expect(result.status).toBe(200);
    expect(result.body.output).toMatchObject({ ok: true, logged: true, contactsAlerted: 2 });
    expect(result.body.output.guidance).toMatch(/911/);
    expect(result.body.output.guidance).toMatch(/988/);
    expect(result.body.followUp).toMatch(/safe right now/);

    const messages = twilio.sim.messages();
    expect(messages.map((m) => m.to).sort()).toEqual([SEED.phones.daniel, ellen].sort());
    for (const message of messages) {
      expect(message.from).toBe(FAKE_TWILIO.phoneNumber);
      expect(message.body).toContain("Rosie");
      expect(message.body).not.toMatch(/cardiolog|dahlia|hopeless/i);
    }

    const again = await callTool(bridge.app, bridge.session, "log_safety_concern", concern("high"));
    expect(again.body.output).toMatchObject({ logged: true, contactsAlerted: 0 });
    expect(twilio.sim.messages()).toHaveLength(2);

    const events = await t.db.sql`
      select tier, source, signals, action_taken, contacts_notified_at from public.ultaura_safety_events
      where call_session_id = ${bridge.session} order by created_at`;
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      tier: "high",
      source: "model",
      signals: ["hopelessness"],
      action_taken: "suggested_988",
    });
    expect(events.filter((e) => e.contacts_notified_at !== null)).toHaveLength(1);
  });

  it("low and medium tiers text no one but still remind the model of 988 and 911", async () => {
    for (const tier of ["low", "medium"]) {
      const result = await callTool(bridge.app, bridge.session, "log_safety_concern", concern(tier));
      expect(result.body.output).toMatchObject({ logged: true, contactsAlerted: 0 });
      expect(result.body.output.guidance).toMatch(/988/);
    }
    expect(twilio.sim.messages()).toEqual([]);
    const [row] = await t.db
      .sql`select count(*)::int as n from public.ultaura_safety_events where call_session_id = ${bridge.session}`;
    expect(row?.n).toBe(2);
  });

  it("a new call may alert again", async () => {
    await callTool(bridge.app, bridge.session, "log_safety_concern", concern("high"));
    await bridgePost(bridge.app, `sessions/${bridge.session}/end`, {
      endReason: "assistant_goodbye",
      streamSeconds: 60,
      callerTurns: 3,
      assistantTurns: 3,
      bargeIns: 0,
      toolCalls: 1,
      firstAudioMs: 300,
    });
    const next = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const result = await callTool(bridge.app, next, "log_safety_concern", concern("high"));
    expect(result.body.output.contactsAlerted).toBe(1);
    expect(twilio.sim.messages()).toHaveLength(2);
  });
});

describe("transcript backstop", () => {
  const transcript = (session: string, text: string) =>
    bridgePost(bridge.app, `sessions/${session}/transcript`, { text });

  it("logs a keyword event and returns a hint, at most once per tier per call, storing no words", async () => {
    const first = await transcript(bridge.session, "Some days I just want to die");
    expect(await first.json()).toEqual({ hint: expect.stringMatching(/safe right now.*911.*988/s) });
    const again = await transcript(bridge.session, "I said I want to die");
    expect(await again.json()).toEqual({ hint: null });
    const lower = await transcript(bridge.session, "I'm so lonely");
    expect((await lower.json()).hint).toMatch(/lonely/);
    const events = await t.db.sql`
      select tier, source, signals from public.ultaura_safety_events where call_session_id = ${bridge.session} order by tier`;
    expect(events).toEqual([
      { tier: "low", source: "keyword", signals: ["lonely"] },
      { tier: "high", source: "keyword", signals: ["suicide"] },
    ]);
    const stored = await t.db
      .sql`select 1 from public.ultaura_call_events where payload::text ilike '%want to die%'`;
    expect(stored).toHaveLength(0);
    expect(twilio.sim.messages()).toEqual([]);
  });

  it("ignores figures of speech and answers Spanish lines in Spanish", async () => {
    expect(await (await transcript(bridge.session, "I'm dead tired, just killing time")).json()).toEqual({
      hint: null,
    });
    const maria = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    const hint = (await (await transcript(maria, "Ya no quiero vivir")).json()).hint as string;
    expect(hint).toMatch(/Pregúntale/);
    expect(hint).toMatch(/988/);
  });
});
