import { describe, expect, it } from "vitest";
import { SEED } from "../../../supabase/seed-ids.ts";
import {
  addNotifiedMember,
  bridgePost,
  callTool,
  FAKE_TWILIO,
  phoneNumber,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
  useTwilioSimulator,
} from "../../../tests/support/kit.ts";
import { orRefuse } from "../../api/refusals.ts";
import { listSafetyEvents } from "../../api/safety/family.ts";

// The emergency tier end to end inside the bridge function: real Postgres, Twilio's REST API simulated
// over HTTP (the texts are recorded there). The clock is pinned: 23:05 UTC is 3:05 PM in Rose's Los Angeles.
const NOW = new Date("2026-03-03T23:05:00Z");
const t = useTestDatabase();
const twilio = useTwilioSimulator();
const bridge = useBridgeApp(t, { twilio, now: () => NOW, roseSession: true });

const say = async (session: string, text: string) =>
  (await (await bridgePost(bridge.app, `sessions/${session}/transcript`, { text })).json()).hint as
    | string
    | null;

const events = (session: string) => t.db.sql`
  select tier::text, source::text, signals, action_taken, contacts_notified_at is not null as notified
  from public.ultaura_safety_events where call_session_id = ${session} order by created_at, tier`;

describe("emergency tier", () => {
  it("tells the model at once, texts the opted-in contact once in plain words, logs and flags the call", async () => {
    const hint = await say(bridge.session, "I fell and I can't get up");
    expect(hint).toMatch(/hurt/);
    expect(hint).toMatch(/911/);
    expect(hint).toMatch(/medical alert button/);
    expect(hint).toMatch(/stay on the line/);

    const texts = twilio.sim.messages();
    expect(texts).toHaveLength(1);
    expect(texts[0]?.to).toBe(SEED.phones.daniel);
    expect(texts[0]?.from).toBe(FAKE_TWILIO.phoneNumber);
    expect(texts[0]?.body).toContain("Rosie said they had fallen and could not get up");
    expect(texts[0]?.body).toContain("Mar 3, 3:05 PM PST");
    expect(texts[0]?.body).not.toMatch(/can't get up|I fell/);

    // Said again, or said differently: the model was already told, the family already texted.
    expect(await say(bridge.session, "I'm still on the floor, I can't get up")).toBeNull();
    expect(twilio.sim.messages()).toHaveLength(1);

    expect(await events(bridge.session)).toEqual([
      {
        tier: "emergency",
        source: "keyword",
        signals: ["fall_no_way_up"],
        action_taken: "urged_911",
        notified: true,
      },
    ]);
    // The flag on the call, as the family's activity reads it through RLS: members only.
    const flag = (userId: string) =>
      t.asUser(
        userId,
        (tx) => tx`select safety_tier::text from public.ultaura_call_sessions where id = ${bridge.session}`,
      );
    expect(await flag(SEED.users.demo.id)).toEqual([{ safety_tier: "emergency" }]);
    expect(await flag(SEED.users.paid.id)).toEqual([]);
  });

  it("texts a contact who chose medium for an emergency, and nobody who did not agree", async () => {
    // Daniel (seeded, agreed) chose "medium — worth a check-in": the lowest tier that reaches him.
    await t.db
      .sql`update public.ultaura_trusted_contacts set notify_on = '{medium}' where line_id = ${SEED.lines.rose}`;
    expect(
      await t.db
        .sql`select notify_on::text[] from public.ultaura_trusted_contacts where line_id = ${SEED.lines.rose}`,
    ).toEqual([{ notify_on: ["medium", "high", "emergency"] }]);
    await t.db.sql`
      insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'Not asked', ${phoneNumber()}, '{low}', null)`;
    expect(await say(bridge.session, "My chest hurts and my left arm is numb")).toMatch(/911/);
    expect(twilio.sim.messages().map((m) => m.to)).toEqual([SEED.phones.daniel]);
    expect((await events(bridge.session))[0]).toMatchObject({ tier: "emergency", notified: true });
  });

  it("tells the members who asked for safety notices once per call, in their language", async () => {
    const member = await addNotifiedMember(t.db.sql, SEED.lines.rose, ["safety"], "es");
    const notAsked = await addNotifiedMember(t.db.sql, SEED.lines.rose, ["missed_calls"]);
    await say(bridge.session, "I fell and I can't get up");
    await say(bridge.session, "I've fallen and can't get up, help");
    const toMember = twilio.sim.messages().filter((m) => m.to === member);
    expect(toMember).toHaveLength(1);
    expect(toMember[0]?.body).toMatch(
      /^Ultaura: en una llamada de hace un momento, \w+ dijo algo que nos preocupó/,
    );
    expect(twilio.sim.messages().some((m) => m.to === notAsked)).toBe(false);
  });

  it("an emergency is texted even after a high-tier text on the same call, and only once", async () => {
    await callTool(bridge.app, bridge.session, "log_safety_concern", {
      tier: "high",
      signals: ["hopelessness"],
      actionTaken: "suggested_988",
    });
    expect(twilio.sim.messages()).toHaveLength(1);
    await say(bridge.session, "I can't breathe");
    expect(twilio.sim.messages()).toHaveLength(2);
    expect(twilio.sim.messages()[1]?.body).toContain("said they could not breathe");
    // And after the emergency text, a later high-tier report texts no one.
    const later = await callTool(bridge.app, bridge.session, "log_safety_concern", {
      tier: "high",
      signals: ["fall"],
      actionTaken: "suggested_911",
    });
    expect(later.body.output.contactsAlerted).toBe(0);
    expect(twilio.sim.messages()).toHaveLength(2);
  });

  it("speaks Spanish to a Spanish line", async () => {
    const maria = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    const [lucia] = await t.db.sql<{ id: string }[]>`
      insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
      values (${SEED.accounts.paid}, ${SEED.lines.paid}, 'Lucía', ${phoneNumber()}, '{high}', now()) returning id`;
    await t.db.sql`
      insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id)
      values (${SEED.accounts.paid}, ${SEED.lines.paid}, 'trusted_contact_alerts', true, 'web', ${SEED.users.paid.id}, ${lucia?.id ?? null})`;
    const hint = await say(maria, "Me caí y no me puedo levantar");
    expect(hint).toMatch(/911/);
    expect(hint).toMatch(/botón de alerta médica/);
    const [text] = twilio.sim.messages();
    expect(text?.body).toContain("Maria dijo que se había caído y no podía levantarse");
    expect(text?.body).toMatch(/a las 3 mar,? 5:05\s?p\.\s?m\./);
  });

  it("ordinary talk and figures of speech reach nobody", async () => {
    expect(await say(bridge.session, "I fell asleep in my chair and my feet are killing me")).toBeNull();
    expect(twilio.sim.messages()).toEqual([]);
    expect(await events(bridge.session)).toEqual([]);
  });
});

describe("the family's view of safety events", () => {
  it("lists events with tier, guidance and time for members of the account only, newest first", async () => {
    await say(bridge.session, "I'm so lonely");
    await say(bridge.session, "I fell and I can't get up");
    const page = await t.asUser(SEED.users.demo.id, async (tx) =>
      orRefuse(await listSafetyEvents(tx, { limit: 1 })),
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      lineId: SEED.lines.rose,
      callId: bridge.session,
      tier: "emergency",
      source: "keyword",
      actionTaken: "urged_911",
      guidance: expect.stringMatching(/urged them to call 911/),
    });
    expect(page.items[0]?.contactsNotifiedAt).not.toBeNull();
    expect(page.nextCursor).not.toBeNull();
    const next = await t.asUser(SEED.users.demo.id, async (tx) =>
      orRefuse(await listSafetyEvents(tx, { limit: 5, cursor: page.nextCursor ?? "", language: "es" })),
    );
    expect(next.items.map((e) => e.tier)).toEqual(["low"]);
    expect(next.items[0]?.guidance).toMatch(/Ultaura le preguntó cómo estaba/);
    expect(next.nextCursor).toBeNull();

    const stranger = await t.asUser(SEED.users.paid.id, async (tx) =>
      orRefuse(await listSafetyEvents(tx, { limit: 10 })),
    );
    expect(stranger.items).toEqual([]);
    expect(
      await t.asUser(SEED.users.demo.id, (tx) => listSafetyEvents(tx, { limit: 1, cursor: "not-a-cursor" })),
    ).toEqual({ ok: false, refusal: { code: "invalid_request", problem: "invalid_cursor" } });
  });
});
