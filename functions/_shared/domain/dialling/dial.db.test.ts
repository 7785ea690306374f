import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../../../supabase/seed-ids.ts";
import { FAKE_TWILIO, useTestDatabase } from "../../../../tests/support/kit.ts";
import { type CreateCallParams, TwilioApiError } from "../../platform/twilio-rest.ts";
import { DEFAULT_CALLING_HOURS } from "../scheduling/calling-hours.ts";
import { type DialDeps, dial } from "./dial.ts";

const testDb = useTestDatabase();
// Rose's zone is America/Los_Angeles, quiet 21:00–08:00. 2026-07-01T19:00Z is noon there; 06:30Z is 23:30.
const NOON_LA = new Date("2026-07-01T19:00:00Z");
const LATE_LA = new Date("2026-07-01T06:30:00Z");

/** Twilio's REST API is outside the process: recorded here, played for real in the e2e tests. */
function recordingDeps(now: Date, fail?: Error) {
  const calls: CreateCallParams[] = [];
  const deps: DialDeps = {
    db: testDb.db,
    twilio: {
      createCall: async (params) => {
        calls.push(params);
        if (fail) throw fail;
        return {
          sid: `CA${"0".repeat(31)}${calls.length}`,
          status: "queued",
          to: params.to,
          from: params.from,
        };
      },
    },
    fromNumber: FAKE_TWILIO.phoneNumber,
    callingHours: DEFAULT_CALLING_HOURS,
    functionsPublicUrl: "https://project.example/functions/v1/",
    now: () => now,
  };
  return { deps, calls };
}

async function session(id: string) {
  const [row] = await testDb.db.sql`select * from ultaura_call_sessions where id = ${id}`;
  return row;
}

describe("dial", () => {
  beforeEach(() => testDb.resetData());

  it("places a call with the outbound answer URL, status callback, AMD and a ring timeout, and keeps the CallSid", async () => {
    const { deps, calls } = recordingDeps(NOON_LA);
    const outcome = await dial(deps, { lineId: SEED.lines.rose });
    expect(outcome.kind).toBe("placed");
    if (outcome.kind !== "placed") return;
    expect(calls).toEqual([
      {
        to: SEED.phones.rose,
        from: FAKE_TWILIO.phoneNumber,
        url: `https://project.example/functions/v1/twilio/voice/outbound?sessionId=${outcome.callSessionId}`,
        statusCallback: `https://project.example/functions/v1/twilio/status?sessionId=${outcome.callSessionId}`,
        machineDetection: "DetectMessageEnd",
        timeout: 30,
      },
    ]);
    expect(await session(outcome.callSessionId)).toMatchObject({
      direction: "outbound",
      status: "queued",
      twilio_call_sid: outcome.callSid,
      line_id: SEED.lines.rose,
      to_e164: SEED.phones.rose,
      is_test: false,
    });
  });

  it.each([
    ["an opted-out line", "update ultaura_lines set do_not_call = true", "skipped_opt_out"],
    ["an unverified line", "update ultaura_lines set phone_verified_at = null", "skipped_unverified"],
    ["a paused line", "update ultaura_lines set status = 'paused'", "skipped_line_inactive"],
    ["a suspended account", "update ultaura_accounts set status = 'suspended'", "skipped_account_inactive"],
  ])("never rings %s", async (_label, change, reason) => {
    await testDb.db.sql.unsafe(change);
    const { deps, calls } = recordingDeps(NOON_LA);
    expect(await dial(deps, { lineId: SEED.lines.rose })).toEqual({ kind: "skipped", reason });
    expect(calls).toEqual([]);
    const [count] = await testDb.db
      .sql`select count(*)::int as n from ultaura_call_sessions where line_id = ${SEED.lines.rose}`;
    expect(count?.n).toBe(0);
  });

  it("does not ring a trial with no minutes left", async () => {
    await testDb.db.sql`update ultaura_accounts set minutes_included = 19 where id = ${SEED.accounts.low}`;
    const { deps, calls } = recordingDeps(NOON_LA);
    expect(await dial(deps, { lineId: SEED.lines.low })).toEqual({
      kind: "skipped",
      reason: "skipped_no_minutes",
    });
    expect(calls).toEqual([]);
  });

  it("asks billing's overage cap inside the dial, for an account with a spending cap", async () => {
    await testDb.db
      .sql`update ultaura_accounts set spending_cap_cents = 1000 where id = ${SEED.accounts.paid}`;
    const { deps, calls } = recordingDeps(NOON_LA);
    const asked: string[] = [];
    const capped = {
      ...deps,
      overageCapReached: async (_tx: unknown, accountId: string) => {
        asked.push(accountId);
        return true;
      },
    };
    expect(await dial(capped, { lineId: SEED.lines.paid })).toEqual({
      kind: "skipped",
      reason: "skipped_over_cap",
    });
    expect(asked).toEqual([SEED.accounts.paid]);
    expect(calls).toEqual([]);
  });

  it("keeps quiet hours in the line's zone unless the test call ignores them, and never the floor", async () => {
    const { deps, calls } = recordingDeps(LATE_LA);
    expect(await dial(deps, { lineId: SEED.lines.rose })).toEqual({
      kind: "skipped",
      reason: "skipped_quiet_hours",
    });
    // 23:30 is outside the 08:00–21:00 floor: not even a test call that ignores quiet hours rings.
    expect(await dial(deps, { lineId: SEED.lines.rose, isTest: true, ignoreQuietHours: true })).toEqual({
      kind: "skipped",
      reason: "skipped_quiet_hours",
    });
    // A line without quiet hours is still not rung at 23:30.
    await testDb.db
      .sql`update ultaura_lines set quiet_hours_start = null, quiet_hours_end = null where id = ${SEED.lines.rose}`;
    expect(await dial(deps, { lineId: SEED.lines.rose })).toEqual({
      kind: "skipped",
      reason: "skipped_quiet_hours",
    });
    expect(calls).toEqual([]);

    // 20:00 in Los Angeles: inside the floor, inside quiet hours from 19:00; the test call rings.
    await testDb.db
      .sql`update ultaura_lines set quiet_hours_start = '19:00', quiet_hours_end = '08:00' where id = ${SEED.lines.rose}`;
    const evening = recordingDeps(new Date("2026-07-02T03:00:00Z")).deps;
    expect(await dial(evening, { lineId: SEED.lines.rose })).toEqual({
      kind: "skipped",
      reason: "skipped_quiet_hours",
    });
    const test = await dial(evening, {
      lineId: SEED.lines.rose,
      accountId: SEED.accounts.demo,
      isTest: true,
      ignoreQuietHours: true,
    });
    expect(test.kind).toBe("placed");
    if (test.kind === "placed") expect(await session(test.callSessionId)).toMatchObject({ is_test: true });
  });

  it("refuses a line of another account", async () => {
    const { deps, calls } = recordingDeps(NOON_LA);
    expect(await dial(deps, { lineId: SEED.lines.rose, accountId: SEED.accounts.paid })).toEqual({
      kind: "not_found",
    });
    expect(calls).toEqual([]);
  });

  it("ends the session as failed when Twilio refuses the call", async () => {
    const { deps } = recordingDeps(NOON_LA, new TwilioApiError(400, 21211, "Invalid 'To' Phone Number"));
    const outcome = await dial(deps, { lineId: SEED.lines.rose });
    expect(outcome).toMatchObject({ kind: "failed", message: "Invalid 'To' Phone Number" });
    if (outcome.kind !== "failed") return;
    expect(await session(outcome.callSessionId)).toMatchObject({ status: "failed", end_reason: "failed" });
    const events = await testDb.db
      .sql`select type, payload from ultaura_call_events where call_session_id = ${outcome.callSessionId}`;
    expect(events).toEqual([
      { type: "dial.failed", payload: { code: 21211, message: "Invalid 'To' Phone Number" } },
    ]);
  });
});
