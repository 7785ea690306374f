import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import {
  inboundCall,
  newCallSid,
  twilioTestApp,
  twilioTestEnv,
} from "../../tests/support/twilio-webhooks.ts";
import { afterStreamEnded, MAX_RECONNECTS } from "./calls/stream-ended.ts";

const testDb = useTestDatabase();

/** Answers an inbound call from `from`; returns the session and the <Connect action> path Twilio will ask. */
async function connected(post: ReturnType<typeof twilioTestApp>["post"], from: string) {
  const callSid = newCallSid();
  const xml = await (await post("/twilio/voice/inbound", inboundCall(from, callSid))).text();
  const action = /<Connect action="([^"]+)">/.exec(xml)?.[1]?.replaceAll("&amp;", "&");
  expect(action).toBeDefined();
  const path = (action as string).slice(twilioTestEnv.FUNCTIONS_PUBLIC_URL.length);
  const sessionId = new URL(action as string).searchParams.get("sessionId") as string;
  return { callSid, path, sessionId };
}

describe("the stream-ended answer (<Connect action>)", () => {
  beforeEach(() => testDb.resetData());

  it("reconnects a broken stream with an apology in the line's language, twice, then says goodbye", async () => {
    const { post, prepared, settled } = twilioTestApp(testDb.db, { endReportWaitMs: 0 });
    const { callSid, path, sessionId } = await connected(post, SEED.phones.paid);

    const first = await (await post(path, { CallSid: callSid })).text();
    expect(first).toContain('<Say language="es-US">Lo siento, Maria, le perdí por un momento.');
    expect(first).toContain(`<Stream url="wss://bridge.example/media-stream/${sessionId}">`);
    const second = /<Connect action="([^"]+)">/.exec(first)?.[1]?.replaceAll("&amp;", "&") as string;
    expect(second).toContain("reconnects=1");

    const secondXml = await (
      await post(second.slice(twilioTestEnv.FUNCTIONS_PUBLIC_URL.length), { CallSid: callSid })
    ).text();
    expect(secondXml).toContain("reconnects=2");
    const third = /<Connect action="([^"]+)">/.exec(secondXml)?.[1]?.replaceAll("&amp;", "&") as string;

    const last = await (
      await post(third.slice(twilioTestEnv.FUNCTIONS_PUBLIC_URL.length), { CallSid: callSid })
    ).text();
    expect(last).not.toContain("<Stream");
    expect(last).toMatch(
      /<Say language="es-US">Lo siento, Maria, tengo problemas técnicos.*<Hangup\/><\/Response>$/,
    );
    await settled();
    // Each stream got its own warm start.
    expect(prepared).toHaveLength(1 + MAX_RECONNECTS);
    const events = await testDb.db.sql<{ payload: { answer: string } }[]>`
      select payload from ultaura_call_events where call_session_id = ${sessionId} and type = 'twilio.stream_ended'
      order by id`;
    expect(events.map((e) => e.payload.answer)).toEqual(["reconnect", "reconnect", "goodbye"]);
  });

  it("answers at once, without waiting for an end report, when the stream's warm start failed", async () => {
    // A long wait: the answer must not depend on it running out.
    const { post, settled } = twilioTestApp(testDb.db, { endReportWaitMs: 60_000, prepareStatus: 503 });
    const { callSid, path, sessionId } = await connected(post, SEED.phones.rose);
    await settled();
    const [event] = await testDb.db.sql`
      select type from ultaura_call_events where call_session_id = ${sessionId} and type = 'bridge.prepare_failed'`;
    expect(event).toBeDefined();
    const xml = await (await post(path, { CallSid: callSid })).text();
    expect(xml).toContain('<Say language="en-US">I&apos;m sorry, Rosie, I lost you for a moment.');
    await settled();
  });

  it("hangs up without a word when the Worker reported an end someone meant", async () => {
    const { post } = twilioTestApp(testDb.db, { endReportWaitMs: 0 });
    const { callSid, path, sessionId } = await connected(post, SEED.phones.rose);
    await testDb.db
      .sql`update ultaura_call_sessions set end_reason = 'assistant_goodbye' where id = ${sessionId}`;
    const xml = await (await post(path, { CallSid: callSid })).text();
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });

  it("answers a replayed action request with a hang-up and no new stream", async () => {
    const { post } = twilioTestApp(testDb.db, { endReportWaitMs: 0 });
    const { callSid, path } = await connected(post, SEED.phones.rose);
    expect(await (await post(path, { CallSid: callSid })).text()).toContain("<Stream");
    const replay = await (await post(path, { CallSid: callSid })).text();
    expect(replay).not.toContain("<Stream");
    expect(replay).toContain("<Hangup/>");
  });

  it("refuses an unsigned or malformed action request and changes nothing", async () => {
    const { post } = twilioTestApp(testDb.db, { endReportWaitMs: 0 });
    const { callSid, path } = await connected(post, SEED.phones.rose);
    const [before] = await testDb.db.sql`select count(*)::int as n from ultaura_call_events`;
    expect((await post(path, { CallSid: callSid }, "none")).status).toBe(403);
    expect((await post(path.replace(/reconnects=\d+/, "reconnects=x"), { CallSid: callSid })).status).toBe(
      400,
    );
    const [after] = await testDb.db.sql`select count(*)::int as n from ultaura_call_events`;
    expect(after).toEqual(before);
  });
});

describe("afterStreamEnded", () => {
  const line = { name: "Rosie", language: "en-US" };
  it("decides from the record", () => {
    expect(afterStreamEnded({ callOver: true, endReason: null, line, prepareFailed: false }, 0)).toEqual({
      kind: "hang_up",
    });
    expect(
      afterStreamEnded({ callOver: false, endReason: "opt_out", line, prepareFailed: false }, 0),
    ).toEqual({ kind: "hang_up" });
    expect(
      afterStreamEnded({ callOver: false, endReason: "ai_unavailable", line, prepareFailed: false }, 0).kind,
    ).toBe("goodbye");
    // The Worker's end report already closed the record, but its REST apology failed: the words come from here.
    expect(
      afterStreamEnded({ callOver: true, endReason: "ai_unavailable", line, prepareFailed: false }, 0),
    ).toEqual({ kind: "goodbye", line });
    expect(
      afterStreamEnded({ callOver: false, endReason: null, line: null, prepareFailed: true }, 0).kind,
    ).toBe("goodbye");
    expect(afterStreamEnded({ callOver: false, endReason: null, line, prepareFailed: false }, 0)).toEqual({
      kind: "reconnect",
      line,
      attempt: 1,
    });
    expect(
      afterStreamEnded({ callOver: false, endReason: null, line, prepareFailed: false }, MAX_RECONNECTS).kind,
    ).toBe("goodbye");
  });
});
