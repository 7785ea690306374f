import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  type BridgeApp,
  bridgePost,
  callTool,
  startLiveSession,
  TEST_KEK,
  TEST_TWILIO,
  testBridgeApp,
  useApiApp,
  useTestDatabase,
  useTwilioSimulator,
} from "../support/kit.ts";

/**
 * Issue 22, call insights: the model's record reaches the family API (and nothing private does), a concern
 * the call did not alert alerts once after it, the fallback record, and the next call's context (follow-ups,
 * family messages, delivered). Through the bridge function, functions/api and the Twilio simulator.
 */
const database = useTestDatabase();
// The bridge test app's Twilio account (its alerts are sent through the simulator's REST API).
const twilio = useTwilioSimulator({
  accountSid: TEST_TWILIO.accountSid,
  authToken: TEST_TWILIO.authToken,
  phoneNumber: TEST_TWILIO.phoneNumber,
});
const api = useApiApp(database, { resetData: true });
let bridge: BridgeApp;
let token: string;

beforeEach(async () => {
  twilio.sim.reset();
  bridge = testBridgeApp(database.db, TEST_KEK, twilio.url);
  token = (await api.signIn(SEED.users.demo.email)).access_token;
});

const call = () => startLiveSession(database.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
const getCall = (id: string) => api.request(token)("GET", `/calls/${id}`);
const context = async (sessionId: string) => {
  const { response, json } = await bridgePost(bridge, `sessions/${sessionId}/context`, {});
  expect(response.status).toBe(200);
  return (await json()) as { instructions: string; tools: { name: string }[]; insightsRequest?: string };
};

describe("log_call_insights", () => {
  it("stores the record sealed, and GET /api/calls/:id shows the summary and mood", async () => {
    const id = await call();
    const summary = "Rose talked about her dahlias and her grandson's visit; she sounded cheerful.";
    const result = await callTool(bridge, id, "log_call_insights", {
      summary,
      mood: 4,
      energy: 3,
      topics: ["garden", "grandson"],
      followUps: ["ask whether the dahlias won at the show"],
    });
    expect(result.status).toBe(200);
    expect(result.body.output).toMatchObject({ ok: true, stored: true });

    const [row] = await database.db.sql<{ sealed: string; source: string }[]>`
      select encode(ciphertext, 'escape') as sealed, source from public.ultaura_call_insights
      where call_session_id = ${id}`;
    expect(row?.source).toBe("model");
    expect(row?.sealed).not.toContain("dahlias");

    const got = await getCall(id);
    expect(got.status).toBe(200);
    expect(got.body.insights).toEqual({
      summary,
      mood: 4,
      energy: 3,
      topics: ["garden", "grandson"],
      followUps: ["ask whether the dahlias won at the show"],
      familyNote: null,
      source: "model",
    });
    const list = await api.request(token)("GET", `/calls?lineId=${SEED.lines.rose}`);
    const listed = list.body.items.find((item: { id: string }) => item.id === id);
    expect(listed.insights.mood).toBe(4);
  });

  it("refuses invalid fields and changes nothing", async () => {
    const id = await call();
    const result = await callTool(bridge, id, "log_call_insights", {
      summary: "x".repeat(401),
      mood: 6,
      topics: ["a", "b", "c", "d", "e", "f", "g"],
    });
    expect(result.body.output).toMatchObject({ ok: false, reason: "invalid_arguments" });
    const [count] = await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.ultaura_call_insights where call_session_id = ${id}`;
    expect(count?.n).toBe(0);
  });

  it("drops insight text that repeats a private memory, records that it did, and never shows it", async () => {
    const id = await call();
    const result = await callTool(bridge, id, "log_call_insights", {
      summary: "Rose is nervous about her cardiology appointment and has not told her son.",
      mood: 2,
      topics: ["cardiology appointment", "garden"],
      followUps: ["ask about the cardiology appointment"],
    });
    expect(result.body.output).toMatchObject({ ok: true, stored: true });
    const [row] = await database.db.sql<{ private_dropped: number }[]>`
      select private_dropped from public.ultaura_call_insights where call_session_id = ${id}`;
    expect(row?.private_dropped).toBe(3);
    const [event] = await database.db.sql<{ payload: { privateDropped: number } }[]>`
      select payload from public.ultaura_call_events where call_session_id = ${id} and type = 'bridge.insights'`;
    expect(event?.payload.privateDropped).toBe(3);

    const got = await getCall(id);
    expect(JSON.stringify(got.body)).not.toMatch(/cardiolog/i);
    expect(got.body.insights).toMatchObject({ summary: null, mood: 2, topics: ["garden"], followUps: [] });
    // Nor does the next call's context carry it as a follow-up.
    const next = await call();
    expect((await context(next)).instructions).not.toMatch(/ask about the cardiology/);
  });
});

describe("concerns in the insights record", () => {
  it("a high concern the call did not alert texts the opted-in contacts once, marked as found after the call", async () => {
    const id = await call();
    const record = { summary: "A quiet call.", concerns: [{ tier: "high", label: "spoke of giving up" }] };
    const result = await callTool(bridge, id, "log_call_insights", record);
    expect(result.body.output).toMatchObject({ ok: true, stored: true });
    expect(twilio.sim.messages().map((m) => m.to)).toEqual([SEED.phones.daniel]);
    const events = await database.db.sql<{ tier: string; found_after_call: boolean; signals: string[] }[]>`
      select tier, found_after_call, signals from public.ultaura_safety_events where call_session_id = ${id}`;
    expect(events).toEqual([{ tier: "high", found_after_call: true, signals: ["spoke of giving up"] }]);

    // The model records again: no second event, no second text.
    await callTool(bridge, id, "log_call_insights", record);
    expect(twilio.sim.messages()).toHaveLength(1);
  });

  it("a concern already alerted during the call is not alerted again", async () => {
    const id = await call();
    await callTool(bridge, id, "log_safety_concern", {
      tier: "high",
      signals: ["hopelessness"],
      actionTaken: "suggested_988",
    });
    expect(twilio.sim.messages()).toHaveLength(1);
    await callTool(bridge, id, "log_call_insights", { concerns: [{ tier: "high", label: "hopelessness" }] });
    expect(twilio.sim.messages()).toHaveLength(1);
    const [late] = await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.ultaura_safety_events
      where call_session_id = ${id} and found_after_call`;
    expect(late?.n).toBe(0);
  });
});

describe("the fallback record", () => {
  it("stores the model's text-only answer with source fallback, after the call ended", async () => {
    const id = await call();
    await database.db.sql`
      update public.ultaura_call_sessions set status = 'completed', ended_at = now(), seconds_connected = 120
      where id = ${id}`;
    const text = 'Here it is: {"summary": "Rose chatted about the weather.", "mood": 3}';
    const { response, json } = await bridgePost(bridge, `sessions/${id}/insights`, { text });
    expect(response.status).toBe(200);
    expect(await json()).toEqual({ ok: true, stored: true });
    const got = await getCall(id);
    expect(got.body.insights).toMatchObject({
      summary: "Rose chatted about the weather.",
      source: "fallback",
    });
  });

  it("never replaces the model's own record, and an empty answer records none", async () => {
    const id = await call();
    await callTool(bridge, id, "log_call_insights", { summary: "The model's own words.", mood: 5 });
    const late = await bridgePost(bridge, `sessions/${id}/insights`, { text: '{"summary": "Other"}' });
    expect(await late.json()).toEqual({ ok: true, stored: false });
    expect((await getCall(id)).body.insights).toMatchObject({
      summary: "The model's own words.",
      source: "model",
    });

    const short = await call();
    const empty = await bridgePost(bridge, `sessions/${short}/insights`, { text: "{}" });
    expect(await empty.json()).toEqual({ ok: true, stored: false });
    expect((await getCall(short)).body.insights).toBeNull();
  });
});

describe("the next call", () => {
  it("has the last follow-up and the family's message, and the message is marked delivered", async () => {
    const first = await call();
    await callTool(bridge, first, "log_call_insights", { followUps: ["how her knee is"] });
    const sent = await api.request(token)("POST", `/lines/${SEED.lines.rose}/messages`, {
      text: "We're visiting on Sunday!",
      from: "Anna",
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ from: "Anna", state: "waiting", deliveredAt: null });

    const next = await call();
    const ctx = await context(next);
    expect(ctx.instructions).toContain('"how her knee is"');
    expect(ctx.instructions).toContain('"We\'re visiting on Sunday!"');
    expect(ctx.instructions).toContain("Anna");
    expect(ctx.tools.map((tool) => tool.name)).toContain("log_call_insights");
    expect(ctx.insightsRequest).toMatch(/JSON/);
    const ref = /\[(f[0-9a-f]{8})\] from "Anna"/.exec(ctx.instructions)?.[1];
    expect(ref).toBeDefined();

    await callTool(bridge, next, "log_call_insights", {
      summary: "Told her about Sunday.",
      deliveredMessages: [ref],
    });
    const listed = await api.request(token)("GET", `/lines/${SEED.lines.rose}/messages`);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ text: "We're visiting on Sunday!", state: "delivered" }),
    );
    // Delivered: not in the call after.
    expect((await context(await call())).instructions).not.toContain("visiting on Sunday");
  });

  it("refuses a message over 280 characters and writes nothing", async () => {
    const refused = await api.request(token)("POST", `/lines/${SEED.lines.rose}/messages`, {
      text: "x".repeat(281),
      from: "Anna",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBeTypeOf("string");
    const listed = await api.request(token)("GET", `/lines/${SEED.lines.rose}/messages`);
    expect(listed.body.items.map((m: { text: string }) => m.text)).not.toContain("x".repeat(281));
  });
});

describe("as role authenticated (RLS)", () => {
  it("members of another account neither read nor write a line's messages and insights", async () => {
    const id = await call();
    await callTool(bridge, id, "log_call_insights", { summary: "Fine.", mood: 4 });
    await api.request(token)("POST", `/lines/${SEED.lines.rose}/messages`, { text: "Hello", from: "Anna" });
    const seen = await database.asUser(SEED.users.low.id, async (tx) => ({
      messages: await tx`select 1 from public.ultaura_line_messages where line_id = ${SEED.lines.rose}`,
      insights: await tx`select 1 from public.ultaura_call_insights where line_id = ${SEED.lines.rose}`,
    }));
    expect(seen.messages).toHaveLength(0);
    expect(seen.insights).toHaveLength(0);
    const write = await database.attempt(
      { userId: SEED.users.low.id },
      `insert into public.ultaura_line_messages (account_id, line_id, sender_user_id, sender_name, body)
       values ('${SEED.accounts.demo}', '${SEED.lines.rose}', '${SEED.users.low.id}', 'Eve', 'hi')`,
    );
    expect(write.ok).toBe(false);
    // A member may not write a message as delivered, nor in someone else's name.
    const forged = await database.attempt(
      { userId: SEED.users.demo.id },
      `insert into public.ultaura_line_messages (account_id, line_id, sender_user_id, sender_name, body)
       values ('${SEED.accounts.demo}', '${SEED.lines.rose}', '${SEED.users.low.id}', 'Eve', 'hi')`,
    );
    expect(forged.ok).toBe(false);
    const other = await api.signIn(SEED.users.low.email);
    const refused = await api.request(other.access_token)("GET", `/lines/${SEED.lines.rose}/insights`);
    expect(refused.status).toBe(404);
  });
});

describe("GET /api/lines/:id/insights", () => {
  it("gives each of the last weeks' mood, minutes, calls answered and missed, weeks from Monday in the line's zone", async () => {
    const answered = await call();
    await database.db.sql`
      update public.ultaura_call_sessions set status = 'completed', seconds_connected = 300, ended_at = now()
      where id = ${answered}`;
    await callTool(bridge, answered, "log_call_insights", { mood: 4 });
    await database.db.sql`
      insert into public.ultaura_call_sessions (account_id, line_id, direction, status)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'outbound', 'no_answer')`;
    const got = await api.request(token)("GET", `/lines/${SEED.lines.rose}/insights?weeks=8`);
    expect(got.status).toBe(200);
    expect(got.body.timezone).toBe("America/Los_Angeles");
    expect(got.body.weeks).toHaveLength(8);
    for (const week of got.body.weeks) expect(new Date(`${week.weekStart}T12:00:00Z`).getUTCDay()).toBe(1);
    const current = got.body.weeks.at(-1);
    expect(current.answered).toBeGreaterThanOrEqual(1);
    expect(current.missed).toBeGreaterThanOrEqual(1);
    expect(current.minutes).toBeGreaterThanOrEqual(5);
    expect(current.mood).toBeGreaterThanOrEqual(1);
    const bad = await api.request(token)("GET", `/lines/${SEED.lines.rose}/insights?weeks=0`);
    expect(bad.status).toBe(400);
  });
});
