import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  type BillingTestbed,
  bridgePost,
  FAKE_TWILIO,
  phoneNumber,
  startBillingTestbed,
  startLiveSession,
  TEST_KEK,
  testBridgeApp,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";
import { runBillingTick } from "../_shared/domain/billing/run-billing-tick.ts";
import { createLogger } from "../_shared/platform/log.ts";
import { createTwilioRest } from "../_shared/platform/twilio-rest.ts";
import { sessionSweep } from "../scheduler/sweep.ts";
import { applyStatusCallback } from "../twilio/calls/status-callback.ts";

/**
 * Minutes never depend on one callback: the Worker's end report and the scheduler's sweep each close a
 * call and write its ledger row when Twilio's final status callback never comes — and a late callback
 * counts nothing twice.
 */
const testDb = useTestDatabase();
let bed: BillingTestbed;
// Status callbacks go nowhere: the number's callback is "not configured".
const twilio = useTwilioSimulator({ statusCallbackUrl: "", timeScale: 0.01, callsPerSecond: 100 });

beforeAll(async () => {
  bed = await startBillingTestbed(testDb.db);
});
afterAll(async () => {
  await bed?.stop();
});
beforeEach(async () => {
  await testDb.resetData();
  bed.sim.reset();
  twilio.sim.reset();
});

const rest = () =>
  createTwilioRest({
    accountSid: FAKE_TWILIO.accountSid,
    authToken: FAKE_TWILIO.authToken,
    apiBaseUrl: twilio.url,
  });

const summary = (endReason: string, streamSeconds: number) => ({
  endReason,
  streamSeconds,
  callerTurns: 4,
  assistantTurns: 5,
  bargeIns: 0,
  toolCalls: 0,
  firstAudioMs: 300,
});

async function ledgerOf(sessionId: string) {
  return testDb.db.sql<
    {
      seconds_connected: number;
      billable_minutes: number;
      overage_minutes: number;
      stripe_report_status: string;
    }[]
  >`select seconds_connected, billable_minutes, overage_minutes, stripe_report_status
    from ultaura_minute_ledger where call_session_id = ${sessionId}`;
}

async function closedEvent(sessionId: string) {
  const [row] = await testDb.db.sql<{ payload: Record<string, unknown> }[]>`
    select payload from ultaura_call_events where call_session_id = ${sessionId} and type = 'call.closed'`;
  return row?.payload;
}

/** A call Twilio really placed and ended (inline TwiML), so its REST resource has a final status and duration. */
async function endedTwilioCall(): Promise<{ sid: string; duration: number }> {
  const call = await rest().createCall({
    to: phoneNumber(),
    from: FAKE_TWILIO.phoneNumber,
    url: "http://127.0.0.1:9/unused",
    statusCallback: "http://127.0.0.1:9/status",
  });
  await twilio.sim.waitForCall(call.sid);
  const fetched = await rest().fetchCall(call.sid);
  expect(fetched.status).toBe("completed");
  return { sid: call.sid, duration: Number(fetched.duration) };
}

describe("a call whose status callback never comes", () => {
  it("is closed by the Worker's end report, metered once and on the Stripe meter once (paid, 195 of 200)", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, twilio.url);
    // 5.5 minutes on the paid seed account at 195 of its 200 minutes; Twilio does not know this CallSid.
    const session = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.paid,
      lineId: SEED.lines.paid,
      secondsAgo: 330,
    });
    const end = await bridgePost(app, `sessions/${session}/end`, summary("caller_hangup", 330));
    expect(end.response.status).toBe(200);

    const [status] = await testDb.db
      .sql`select status, ended_at from ultaura_call_sessions where id = ${session}`;
    expect(status?.status).toBe("completed");
    expect(status?.ended_at).not.toBeNull();
    expect(await ledgerOf(session)).toEqual([
      { seconds_connected: 330, billable_minutes: 6, overage_minutes: 1, stripe_report_status: "pending" },
    ]);
    expect(await closedEvent(session)).toMatchObject({ closedBy: "bridge_end", durationSource: "bridge" });

    expect(await runBillingTick(bed.deps)).toMatchObject({ reported: 1 });
    // The end report again, a late status callback, the sweep and another billing tick: nothing more.
    await bridgePost(app, `sessions/${session}/end`, summary("caller_hangup", 330));
    await testDb.db.asService((tx) =>
      applyStatusCallback(tx, {
        callSid: `CA${"d".repeat(32)}`,
        status: "completed",
        sequence: 3,
        durationSeconds: 335,
        answeredBy: null,
        sessionId: session,
      }),
    );
    await sessionSweep(testDb.db, rest(), createLogger({}, "error"), { afterMinutes: 0 }).run(
      new Date(Date.now() + 3_600_000),
    );
    expect(await runBillingTick(bed.deps)).toMatchObject({ reported: 0 });
    expect((await ledgerOf(session)).length).toBe(1);
    const events = bed.sim
      .meterEvents()
      .filter((e) => e.payload.stripe_customer_id === SEED.stripe.paidCustomer);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload.value).toBe("1");
  });

  it("is closed by the end report with Twilio's duration when Twilio already knows the call is over", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, twilio.url);
    const call = await endedTwilioCall();
    const session = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.demo,
      lineId: SEED.lines.rose,
    });
    await testDb.db.sql`update ultaura_call_sessions set twilio_call_sid = ${call.sid} where id = ${session}`;
    await bridgePost(app, `sessions/${session}/end`, summary("assistant_goodbye", 999));
    expect((await ledgerOf(session))[0]?.seconds_connected).toBe(call.duration);
    expect(await closedEvent(session)).toMatchObject({ closedBy: "bridge_end", durationSource: "twilio" });
  });

  it("leaves the session live on a stream_error report, for the call may go on", async () => {
    const app = testBridgeApp(testDb.db, TEST_KEK, twilio.url);
    const session = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.demo,
      lineId: SEED.lines.rose,
    });
    await bridgePost(app, `sessions/${session}/end`, summary("stream_error", 20));
    const [row] = await testDb.db
      .sql`select status, ended_at from ultaura_call_sessions where id = ${session}`;
    expect(row).toMatchObject({ status: "in_progress", ended_at: null });
    expect(await ledgerOf(session)).toEqual([]);
    // A context request (the reconnected stream) is still served.
    expect((await bridgePost(app, `sessions/${session}/context`, {})).response.status).toBe(200);
  });
});

describe("the scheduler's sweep", () => {
  const sweep = () => sessionSweep(testDb.db, rest(), createLogger({}, "error"), { afterMinutes: 10 });
  const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

  it("closes a session left open with neither callback nor end report: Twilio's duration when Twilio knows the call", async () => {
    const call = await endedTwilioCall();
    const session = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.demo,
      lineId: SEED.lines.rose,
    });
    await testDb.db.sql`update ultaura_call_sessions set twilio_call_sid = ${call.sid} where id = ${session}`;
    await sweep().run(later(5));
    expect(await ledgerOf(session)).toEqual([]);
    await sweep().run(later(11));
    expect((await ledgerOf(session))[0]?.seconds_connected).toBe(call.duration);
    expect(await closedEvent(session)).toMatchObject({ closedBy: "sweep", durationSource: "twilio" });
  });

  it("else the bridge's seconds, else zero with the reason recorded — and the trial's minutes stay", async () => {
    const withReport = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.low,
      lineId: SEED.lines.low,
    });
    await testDb.db.sql`
      insert into ultaura_call_events (call_session_id, type, payload)
      values (${withReport}, 'bridge.interrupted', ${testDb.db.sql.json(summary("stream_error", 70))})`;
    const silent = await startLiveSession(testDb.db, {
      accountId: SEED.accounts.low,
      lineId: SEED.lines.low,
    });
    await sweep().run(later(11));

    expect((await ledgerOf(withReport))[0]).toMatchObject({ seconds_connected: 70, billable_minutes: 2 });
    expect(await closedEvent(withReport)).toMatchObject({
      durationSource: "bridge",
      note: "unknown to twilio",
    });
    expect(await ledgerOf(silent)).toEqual([
      { seconds_connected: 0, billable_minutes: 0, overage_minutes: 0, stripe_report_status: "not_required" },
    ]);
    expect(await closedEvent(silent)).toMatchObject({ durationSource: "none", note: "unknown to twilio" });
    const [row] = await testDb.db
      .sql`select status, end_reason from ultaura_call_sessions where id = ${silent}`;
    expect(row).toEqual({ status: "failed", end_reason: "error" });
    // Neither counts as live any more.
    const live = await testDb.db.sql`
      select id from ultaura_call_sessions where account_id = ${SEED.accounts.low} and ended_at is null`;
    expect(live).toEqual([]);
  });
});
