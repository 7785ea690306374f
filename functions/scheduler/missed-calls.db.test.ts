import { beforeEach, describe, expect, it } from "vitest";
import {
  addAgreedContact,
  addNotifiedMember,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";
import { schedulerHarness } from "../../tests/support/scheduler-harness.ts";
import { insertDueLines } from "../../tests/support/schedules.ts";
import { addDays, localDateTime, zonedInstant } from "../_shared/domain/scheduling/zoned-time.ts";
import type { TwilioCallStatus } from "../_shared/domain/sessions/call-status.ts";
import { applyStatusCallback } from "../twilio/calls/status-callback.ts";

/**
 * Missed-call escalation and planned pauses through the scheduler's tick: calls are recorded by the
 * harness, status callbacks applied as functions/twilio applies them (twice each: Twilio redelivers), and
 * the texts go to the Twilio simulator.
 */
const testDb = useTestDatabase();
const twilio = useTwilioSimulator();
const MINUTE = 60_000;

/** Twilio's final status callback for the line's latest call, delivered twice. */
async function callEnds(lineId: string, status: TwilioCallStatus) {
  const [session] = await testDb.db.sql<{ id: string; twilio_call_sid: string }[]>`
    select id, twilio_call_sid from ultaura_call_sessions where line_id = ${lineId} order by created_at desc limit 1`;
  if (!session) throw new Error("no call placed");
  for (let i = 0; i < 2; i++)
    await testDb.db.asService((tx) =>
      applyStatusCallback(tx, {
        callSid: session.twilio_call_sid,
        status,
        sequence: null,
        durationSeconds: 0,
        answeredBy: null,
        sessionId: session.id,
      }),
    );
}

const member = (lineId: string, kinds: string[], language: "en" | "es" = "en") =>
  addNotifiedMember(testDb.db.sql, lineId, kinds, language);
const contact = (lineId: string, missedCalls: boolean) =>
  addAgreedContact(testDb.db.sql, lineId, { missedCalls });

/** A second after the line's next regular call is due. */
async function nextRun(lineId: string): Promise<Date> {
  const [schedule] = await testDb.db.sql<{ next_run_at: Date }[]>`
    select next_run_at from ultaura_schedules where line_id = ${lineId}`;
  if (!schedule) throw new Error("no schedule");
  return new Date(schedule.next_run_at.getTime() + 1000);
}

/** One line whose regular call is due at `dueAt`. */
async function dueLine(dueAt: Date): Promise<string> {
  const [lineId] = await insertDueLines(testDb.db.sql, { count: 1, dueAt });
  if (!lineId) throw new Error("no line");
  return lineId;
}

const textsTo = (phone: string) => twilio.sim.messages().filter((m) => m.to === phone);

describe("missed-call escalation", () => {
  beforeEach(() => testDb.resetData());

  it("texts each member who asked exactly once when all three attempts go unanswered, duplicated callbacks and ticks too", async () => {
    let clock = new Date();
    const lineId = await dueLine(new Date(clock.getTime() - MINUTE));
    const asked = await member(lineId, ["missed_calls"]);
    const spanish = await member(lineId, ["missed_calls"], "es");
    const notAsked = await member(lineId, ["weekly_digest"]);
    const { tick, dialled } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url }, () => clock);

    for (let attempt = 0; attempt < 3; attempt++) {
      await tick();
      expect(dialled).toHaveLength(attempt + 1);
      expect(textsTo(asked)).toEqual([]);
      await callEnds(lineId, "no-answer");
      const [next] = await testDb.db.sql<{ due_at: Date }[]>`
        select due_at from ultaura_schedule_runs where line_id = ${lineId} and state = 'pending'`;
      if (next) clock = new Date(next.due_at.getTime() + 1000);
    }
    await Promise.all([tick(), tick()]);
    await tick();

    expect(textsTo(asked)).toHaveLength(1);
    expect(textsTo(asked)[0]?.body).toMatch(
      /^Ultaura: Person 1 did not answer the call planned for \w{3}, \w{3} \d+, \d+:\d\d [AP]M\. We tried 3 times\. .*Reply STOP/,
    );
    expect(textsTo(spanish)[0]?.body).toMatch(/^Ultaura: Person 1 no contestó .* Lo intentamos 3 veces/);
    expect(textsTo(spanish)).toHaveLength(1);
    expect(textsTo(notAsked)).toEqual([]);
    const alerts = await testDb.db.sql`select kind, sms from ultaura_member_alerts order by sms`;
    expect(alerts).toEqual([
      { kind: "missed_calls", sms: "sent" },
      { kind: "missed_calls", sms: "sent" },
    ]);
  });

  it("tells the opted-in trusted contacts when two days in a row are missed, once", async () => {
    // Yesterday's 10:00 call in the line's zone, then today's.
    const today = localDateTime(new Date(), "America/New_York");
    const yesterday = { ...addDays(today, -1), hour: 10, minute: 0, second: 0 };
    let clock = zonedInstant(yesterday, "America/New_York");
    const lineId = await dueLine(clock);
    clock = new Date(clock.getTime() + 1000);
    await testDb.db
      .sql`update ultaura_schedules set retry_policy = '{"max_retries": 0}' where line_id = ${lineId}`;
    const optedIn = await contact(lineId, true);
    const notOptedIn = await contact(lineId, false);
    const { tick, dialled } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url }, () => clock);

    await tick();
    await callEnds(lineId, "no-answer");
    await tick();
    expect(textsTo(optedIn)).toEqual([]);

    clock = await nextRun(lineId);
    await tick();
    expect(dialled).toHaveLength(2);
    await callEnds(lineId, "busy");
    await tick();
    await tick();
    expect(textsTo(optedIn)).toHaveLength(1);
    expect(textsTo(optedIn)[0]?.body).toMatch(/two days in a row/);
    expect(textsTo(notOptedIn)).toEqual([]);
  });

  it("does not call a line paused for today, raises no notice, and calls again once the pause is over", async () => {
    let clock = new Date();
    const lineId = await dueLine(new Date(clock.getTime() - MINUTE));
    const asked = await member(lineId, ["missed_calls"]);
    await testDb.db.sql`
      insert into ultaura_line_pauses (account_id, line_id, starts_on, ends_on)
      select account_id, id, (now() at time zone timezone)::date, (now() at time zone timezone)::date
      from ultaura_lines where id = ${lineId}`;
    const { tick, dialled } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url }, () => clock);
    await tick();
    await tick();
    expect(dialled).toEqual([]);
    expect(await testDb.db.sql`select result::text, outcome from ultaura_schedule_runs`).toEqual([
      { result: "skipped_paused", outcome: "skipped" },
    ]);
    expect(textsTo(asked)).toEqual([]);
    expect(await testDb.db.sql`select 1 from ultaura_member_alerts`).toEqual([]);

    // The next regular calls: any still on the paused day is skipped, the first one after it rings.
    for (let day = 0; day < 3 && dialled.length === 0; day++) {
      clock = await nextRun(lineId);
      await tick();
    }
    expect(dialled).toHaveLength(1);
    const runs = await testDb.db.sql<{ result: string | null; after: boolean }[]>`
      select r.result::text, (r.occurrence_at at time zone l.timezone)::date > p.ends_on as after
      from ultaura_schedule_runs r join ultaura_lines l on l.id = r.line_id
      join ultaura_line_pauses p on p.line_id = r.line_id where r.attempt = 0 order by r.occurrence_at`;
    expect(runs.at(-1)?.after).toBe(true);
    expect(runs.slice(0, -1)).toEqual(
      runs.slice(0, -1).map(() => ({ result: "skipped_paused", after: false })),
    );
  });
});
