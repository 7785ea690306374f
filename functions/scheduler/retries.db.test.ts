import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../tests/support/database.ts";
import { type ScheduleRun, scheduleRuns } from "../../tests/support/kit.ts";
import { schedulerHarness } from "../../tests/support/scheduler-harness.ts";
import { insertDueLines } from "../../tests/support/schedules.ts";
import { localDateTime } from "../_shared/domain/scheduling/zoned-time.ts";
import type { TwilioCallStatus } from "../_shared/domain/sessions/call-status.ts";
import { listScheduleRuns } from "../api/activity/schedule-runs.ts";
import { applyStatusCallback } from "../twilio/calls/status-callback.ts";

const testDb = useTestDatabase();
const TZ = "America/New_York";
const MINUTE = 60_000;

/** Local "HH:MM" in the line's zone, `offsetMinutes` from now. */
function localClock(offsetMinutes: number): string {
  const t = localDateTime(new Date(Date.now() + offsetMinutes * MINUTE), TZ);
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

const runs = (lineId: string) => scheduleRuns(testDb.db.sql, lineId);

/** The scheduler calls the line, the call goes unanswered, and it ticks again once the retry is due. */
async function unansweredUntilRetryDue(lineId: string) {
  let clock = new Date();
  const harness = schedulerHarness(testDb.db, {}, () => clock);
  await harness.tick();
  await callEnds(lineId, "no-answer");
  const [, retry] = await runs(lineId);
  clock = new Date((retry as ScheduleRun).due_at.getTime() + 1000);
  await harness.tick();
  return {
    ...harness,
    setClock: (date: Date) => {
      clock = date;
    },
  };
}

/** Twilio's final status callback for the line's latest call, as functions/twilio applies it. */
async function callEnds(lineId: string, status: TwilioCallStatus, answeredBy: string | null = null) {
  const [session] = await testDb.db.sql<{ id: string; twilio_call_sid: string }[]>`
    select id, twilio_call_sid from ultaura_call_sessions where line_id = ${lineId} order by created_at desc limit 1`;
  if (!session) throw new Error("no call placed");
  await testDb.db.asService((tx) =>
    applyStatusCallback(tx, {
      callSid: session.twilio_call_sid,
      status,
      sequence: null,
      durationSeconds: status === "completed" ? 40 : 0,
      answeredBy,
      sessionId: session.id,
    }),
  );
}

async function dueLine(setup?: (lineId: string) => Promise<void>) {
  const [lineId] = await insertDueLines(testDb.db.sql, { count: 1, dueAt: new Date(Date.now() - MINUTE) });
  if (!lineId) throw new Error("no line");
  await setup?.(lineId);
  return lineId;
}

describe("retries of scheduled calls", () => {
  beforeEach(() => testDb.resetData());

  it("retries no-answer and busy after retry_delay up to retry_policy, then the occurrence is missed", async () => {
    const lineId = await dueLine();
    let clock = new Date();
    const { tick, dialled } = schedulerHarness(testDb.db, {}, () => clock);
    const [before] = await testDb.db.sql`select next_run_at from ultaura_schedules where line_id = ${lineId}`;

    await tick();
    const [planned] = await testDb.db
      .sql`select next_run_at from ultaura_schedules where line_id = ${lineId}`;
    expect(planned?.next_run_at.getTime()).toBeGreaterThan(before?.next_run_at.getTime());
    await callEnds(lineId, "no-answer");
    let [, retry] = await runs(lineId);
    expect(retry).toMatchObject({ attempt: 1, state: "pending" });
    const [ended] = await testDb.db
      .sql`select max(ended_at) as at from ultaura_call_sessions where line_id = ${lineId}`;
    expect((retry as ScheduleRun).due_at.getTime() - ended?.at.getTime()).toBe(15 * MINUTE);
    expect(await testDb.db.sql`select retry_count from ultaura_schedules where line_id = ${lineId}`).toEqual([
      { retry_count: 1 },
    ]);

    await tick();
    expect(dialled).toHaveLength(1); // not due yet
    clock = new Date((retry as ScheduleRun).due_at.getTime() + 1000);
    await tick();
    expect(dialled).toHaveLength(2);
    await callEnds(lineId, "busy");
    [, , retry] = await runs(lineId);
    clock = new Date((retry as ScheduleRun).due_at.getTime() + 1000);
    await tick();
    expect(dialled).toHaveLength(3);
    await callEnds(lineId, "failed");

    expect(await runs(lineId)).toMatchObject([
      { attempt: 0, state: "done", result: "no_answer", outcome: "retrying" },
      { attempt: 1, state: "done", result: "busy", outcome: "retrying" },
      { attempt: 2, state: "done", result: "failed", outcome: "missed" },
    ]);
    // The family's view (as a member, through RLS): the occurrence was missed after three attempts.
    const [account] = await testDb.db.sql<{ account_id: string }[]>`
      select account_id from ultaura_lines where id = ${lineId}`;
    const [member] = await testDb.db.sql<{ id: string }[]>`
      insert into auth.users (id, email) values (gen_random_uuid(), 'family@example.test') returning id`;
    await testDb.db.sql`insert into ultaura_account_members (account_id, user_id, role)
                        values (${account?.account_id as string}, ${member?.id as string}, 'owner')`;
    const seen = await testDb.asUser(member?.id as string, (tx) =>
      listScheduleRuns(tx, { lineId, limit: 10 }),
    );
    expect(seen.map((r) => [r.attempt, r.outcome, r.reason])).toEqual([
      [2, "missed", "failed"],
      [1, "retrying", "busy"],
      [0, "retrying", "no_answer"],
    ]);
    const stranger = await testDb.db.sql<{ id: string }[]>`
      insert into auth.users (id, email) values (gen_random_uuid(), 'stranger@example.test') returning id`;
    expect(
      await testDb.asUser(stranger[0]?.id as string, (tx) => listScheduleRuns(tx, { limit: 10 })),
    ).toEqual([]);

    // The regular rhythm is untouched by the retries.
    expect(
      await testDb.db.sql`select next_run_at, retry_count from ultaura_schedules where line_id = ${lineId}`,
    ).toEqual([{ next_run_at: planned?.next_run_at, retry_count: 0 }]);
    clock = new Date(clock.getTime() + 60 * MINUTE);
    await tick();
    expect(dialled).toHaveLength(3);
  });

  it("counts a voicemail left as reached: no retry", async () => {
    const lineId = await dueLine();
    const { tick, dialled } = schedulerHarness(testDb.db);
    await tick();
    await callEnds(lineId, "completed", "machine_end_beep");
    expect(await runs(lineId)).toMatchObject([
      { attempt: 0, state: "done", result: "voicemail", outcome: "reached" },
    ]);
    expect(dialled).toHaveLength(1);
  });

  it("honours a schedule without retries", async () => {
    const lineId = await dueLine(async (id) => {
      await testDb.db
        .sql`update ultaura_schedules set retry_policy = '{"max_retries": 0, "retry_delay_minutes": 15}'
                          where line_id = ${id}`;
    });
    const { tick } = schedulerHarness(testDb.db);
    await tick();
    await callEnds(lineId, "no-answer");
    expect(await runs(lineId)).toMatchObject([{ attempt: 0, result: "no_answer", outcome: "missed" }]);
  });

  it("never retries into quiet hours: the retry waits for them to end", async () => {
    // Quiet from 10 to 60 minutes from now, in the line's zone; the retry falls 15 minutes from now.
    const quietEndsAt = localClock(60);
    const lineId = await dueLine(async (id) => {
      await testDb.db
        .sql`update ultaura_lines set quiet_hours_start = ${localClock(10)}, quiet_hours_end = ${quietEndsAt}
                          where id = ${id}`;
    });
    const { tick, dialled, setClock } = await unansweredUntilRetryDue(lineId);
    expect(dialled).toHaveLength(1);
    const [, deferred] = await runs(lineId);
    expect(deferred).toMatchObject({ attempt: 1, state: "pending" });
    const quietEnd = localDateTime((deferred as ScheduleRun).due_at, TZ);
    expect(`${String(quietEnd.hour).padStart(2, "0")}:${String(quietEnd.minute).padStart(2, "0")}`).toBe(
      quietEndsAt,
    );

    setClock(new Date((deferred as ScheduleRun).due_at.getTime() + 1000));
    await tick();
    expect(dialled).toHaveLength(2);
  });

  it("drops a retry whose quiet hours last past the next regular call: missed, with the reason", async () => {
    const lineId = await dueLine(async (id) => {
      await testDb.db
        .sql`update ultaura_lines set quiet_hours_start = ${localClock(10)}, quiet_hours_end = ${localClock(60)}
                          where id = ${id}`;
      // The next regular call comes 30 minutes from now, inside the same quiet hours' reach.
      await testDb.db.sql`update ultaura_schedules set time_of_day = ${localClock(30)} where line_id = ${id}`;
      await testDb.db
        .sql`update ultaura_schedules set next_run_at = ${new Date(Date.now() - MINUTE)} where line_id = ${id}`;
    });
    const { dialled } = await unansweredUntilRetryDue(lineId);
    expect(dialled).toHaveLength(1);
    expect((await runs(lineId))[1]).toMatchObject({
      state: "done",
      result: "skipped_quiet_hours",
      outcome: "missed",
    });
  });
});
