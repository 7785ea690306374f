import { beforeEach, describe, expect, it } from "vitest";
import { callApology } from "../../functions/_shared/domain/copy/index.ts";
import { applyStatusCallback } from "../../functions/twilio/calls/status-callback.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  startLiveSession,
  TEST_KEK,
  testBridgeApp,
  UNREACHABLE_URL,
  useTestDatabase,
} from "../support/kit.ts";
import { schedulerHarness } from "../support/scheduler-harness.ts";
import { insertDueLines } from "../support/schedules.ts";
import { inboundCall, newCallSid, twilioTestApp, twilioTestEnv } from "../support/twilio-webhooks.ts";

/**
 * Functions-side faults (issue 23, part A): each asserts what the caller hears and that nothing is lost or
 * counted twice. Covered elsewhere and not repeated here: the status callback never sent
 * (functions/billing/no-callback.db.test.ts), Stripe refusing overage reports (functions/billing/
 * overage.db.test.ts), Redis unreachable during a verification send (functions/api/verification.db.test.ts),
 * the database down under the fallback URL (functions/twilio/spoken.db.test.ts).
 */
const testDb = useTestDatabase();
beforeEach(() => testDb.resetData());

const says = (xml: string) => [...xml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]);

describe("faults on the functions side", () => {
  it("Postgres unreachable during an inbound webhook: a 500 sends Twilio to the fallback URL, which still speaks", async () => {
    const down = { ...testDb.db, asService: () => Promise.reject(new Error("connection refused")) };
    const { post } = twilioTestApp(down);
    const params = inboundCall(SEED.phones.rose);
    const answer = await post("/twilio/voice/inbound", params);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ error: { code: "internal" } });
    const fallback = await post("/twilio/voice/fallback", params);
    expect(fallback.status).toBe(200);
    const xml = await fallback.text();
    expect(says(xml).length).toBeGreaterThan(0);
    expect(xml).toContain("<Hangup/>");
    const [row] = await testDb.db
      .sql`select count(*)::int as n from ultaura_call_sessions where twilio_call_sid = ${params.CallSid}`;
    expect(row?.n).toBe(0);
  });

  it("the Worker down at a call's start: the failed stream is answered at once with the apology, then goodbye", async () => {
    const { post, settled } = twilioTestApp(testDb.db, { endReportWaitMs: 60_000, prepareStatus: 502 });
    const params = inboundCall(SEED.phones.paid);
    let xml = await (await post("/twilio/voice/inbound", params)).text();
    const heard: string[] = [];
    for (let stream = 0; stream < 3; stream++) {
      await settled();
      const action = /<Connect action="([^"]+)">/.exec(xml)?.[1]?.replaceAll("&amp;", "&") as string;
      xml = await (
        await post(action.slice(twilioTestEnv.FUNCTIONS_PUBLIC_URL.length), { CallSid: params.CallSid })
      ).text();
      heard.push(...(says(xml) as string[]));
    }
    await settled();
    expect(heard.at(-1)).toBe(callApology("es", "Maria"));
    expect(heard.filter((s) => s.startsWith("Lo siento, Maria, le perdí"))).toHaveLength(2);
    expect(xml.endsWith("<Hangup/></Response>")).toBe(true);
  });

  it("duplicated and reordered Twilio status callbacks and end reports meter the call once", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, UNREACHABLE_URL);
    const session = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.paid,
      lineId: SEED.lines.paid,
    });
    const callSid = newCallSid();
    await testDb.db.sql`update ultaura_call_sessions set twilio_call_sid = ${callSid} where id = ${session}`;
    const status = (
      CallStatus: "completed" | "in-progress" | "ringing",
      sequence: number,
      duration?: number,
    ) =>
      testDb.db.asService((tx) =>
        applyStatusCallback(tx, {
          callSid,
          status: CallStatus,
          sequence,
          durationSeconds: duration ?? null,
          answeredBy: null,
          sessionId: null,
        }),
      );
    expect(await status("completed", 3, 400)).toBe("ended");
    expect(await status("completed", 3, 400)).toBe("duplicate");
    expect(await status("ringing", 1)).toBe("already_final");
    expect(await status("in-progress", 2)).toBe("already_final");
    const end = {
      endReason: "caller_hangup",
      streamSeconds: 390,
      callerTurns: 1,
      assistantTurns: 1,
      bargeIns: 0,
      toolCalls: 0,
      firstAudioMs: 100,
    };
    await bridgePost(app, `sessions/${session}/end`, end);
    await bridgePost(app, `sessions/${session}/end`, end);
    const ledger = await testDb.db.sql`
      select seconds_connected, billable_minutes, overage_minutes from ultaura_minute_ledger where call_session_id = ${session}`;
    // Twilio's duration, once: 400 s → 7 minutes, 5 of them within the paid account's last 5 included.
    expect(ledger).toEqual([{ seconds_connected: 400, billable_minutes: 7, overage_minutes: 2 }]);
  });
});

describe("Twilio REST failing when dialling", () => {
  it("fails the attempt without a ledger row, retries it later, and rings the person once when Twilio is back", async () => {
    const [lineId] = await insertDueLines(testDb.db.sql, { count: 1, dueAt: new Date(Date.now() - 60_000) });
    let clock = new Date();
    const { tick, dialled, twilioDown } = schedulerHarness(testDb.db, {}, () => clock);
    twilioDown.value = true;
    expect((await tick()).status).toBe(200);
    expect(dialled).toEqual([]);
    const [failed] = await testDb.db.sql`
      select status, end_reason from ultaura_call_sessions where line_id = ${lineId as string}`;
    expect(failed).toEqual({ status: "failed", end_reason: "failed" });
    const [ledger] = await testDb.db
      .sql`select count(*)::int as n from ultaura_minute_ledger where line_id = ${lineId as string}`;
    expect(ledger?.n).toBe(0);
    const runs = await testDb.db.sql<{ attempt: number; state: string; due_at: Date }[]>`
      select attempt, state, due_at from ultaura_schedule_runs where line_id = ${lineId as string} order by attempt`;
    expect(runs.map((r) => [r.attempt, r.state])).toEqual([
      [0, "done"],
      [1, "pending"],
    ]);

    twilioDown.value = false;
    await tick();
    await tick();
    expect(dialled).toEqual([]); // the retry is not due yet, and the failed attempt is not dialled again
    clock = new Date((runs[1] as { due_at: Date }).due_at.getTime() + 1000);
    await tick();
    await tick();
    expect(dialled).toHaveLength(1);
  });
});
