import { beforeEach, describe, expect, it } from "vitest";
import { addNotifiedMember, useTestDatabase, useTwilioSimulator } from "../../tests/support/kit.ts";
import { schedulerHarness } from "../../tests/support/scheduler-harness.ts";
import { insertDueLines } from "../../tests/support/schedules.ts";

/**
 * The weekly digest goes out once per account and week, at 08:00 on the owner's Monday, counted over the
 * owner's local week — across both DST changes of New York, with duplicated and late ticks.
 */
const testDb = useTestDatabase();
const twilio = useTwilioSimulator();

/**
 * An account with one New York line, opened long before, with a call answered (12 min, mood 4) and one
 * missed, a family message passed on, a reminder confirmed and one missed; and the week before, a call whose
 * mood was `previousMood`.
 */
async function family(callAt: Date, previousMood = 3) {
  const [lineId] = await insertDueLines(testDb.db.sql, {
    count: 1,
    dueAt: new Date("2030-01-01T00:00:00Z"),
    timezone: "America/New_York",
  });
  if (!lineId) throw new Error("no line");
  await testDb.db.sql`update ultaura_accounts set created_at = '2026-01-01T00:00:00Z'`;
  await testDb.db.sql`update ultaura_schedules set enabled = false`;
  await testDb.db.sql`
    with s as (
      insert into ultaura_call_sessions (account_id, line_id, direction, status, answered_by, created_at)
      select account_id, id, 'outbound', 'completed', 'human', ${callAt} from ultaura_lines returning id, account_id, line_id)
    insert into ultaura_minute_ledger
      (account_id, line_id, call_session_id, seconds_connected, billable_minutes, billable_type, cycle_start, created_at)
    select account_id, line_id, id, 700, 12, 'included', ${callAt}, ${callAt} from s`;
  await testDb.db.sql`
    insert into ultaura_schedule_runs (schedule_id, account_id, line_id, occurrence_at, due_at, state, result, outcome)
    select id, account_id, line_id, ${callAt}, ${callAt}, 'done', 'no_answer', 'missed' from ultaura_schedules`;
  const weekBefore = new Date(callAt.getTime() - 7 * 86_400_000);
  await testDb.db.sql`
    insert into ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
    select id, 1, decode(repeat('ab', 48), 'hex'), decode(repeat('cd', 12), 'hex'), 1 from ultaura_accounts
    on conflict do nothing`;
  await testDb.db.sql`
    with s as (
      insert into ultaura_call_sessions (account_id, line_id, direction, status, answered_by, created_at)
      select account_id, id, 'outbound', 'completed', 'human', ${weekBefore} from ultaura_lines
      returning id, account_id, line_id)
    insert into ultaura_call_insights
      (call_session_id, account_id, line_id, source, mood, ciphertext, iv, key_version, created_at)
    select id, account_id, line_id, 'model', ${previousMood}, decode(repeat('ab', 40), 'hex'),
      decode(repeat('cd', 12), 'hex'), 1, ${weekBefore} from s`;
  // This week's insight, and a second one without a mood, which the average leaves out.
  await testDb.db.sql`
    insert into ultaura_call_insights
      (call_session_id, account_id, line_id, source, mood, ciphertext, iv, key_version, created_at)
    select id, account_id, line_id, 'model', 4, decode(repeat('ab', 40), 'hex'), decode(repeat('cd', 12), 'hex'), 1,
      ${callAt} from ultaura_call_sessions where created_at = ${callAt}`;
  await testDb.db.sql`
    with s as (
      insert into ultaura_call_sessions (account_id, line_id, direction, status, answered_by, created_at)
      select account_id, id, 'inbound', 'failed', null, ${callAt} from ultaura_lines
      returning id, account_id, line_id)
    insert into ultaura_call_insights
      (call_session_id, account_id, line_id, source, mood, ciphertext, iv, key_version, created_at)
    select id, account_id, line_id, 'fallback', null, decode(repeat('ab', 40), 'hex'),
      decode(repeat('cd', 12), 'hex'), 1, ${callAt} from s`;
  // One message passed on this week, one still waiting.
  await testDb.db.sql`
    insert into ultaura_line_messages (account_id, line_id, sender_name, body, delivered_at)
    select account_id, id, 'Anna', 'Visiting Sunday', ${callAt} from ultaura_lines
    union all select account_id, id, 'Anna', 'Call me back', null from ultaura_lines`;
  // Paused, so the tick plans none of its own; the missed one was already told to the family.
  await testDb.db.sql`
    with r as (
      insert into ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone, paused)
      select account_id, id, 'Blood pressure pill', 'medication', '{1,3}', '{08:00}', 'America/New_York', true
      from ultaura_lines returning id, account_id, line_id)
    insert into ultaura_reminder_occurrences
      (reminder_id, account_id, line_id, occurrence_at, due_at, state, acknowledged_at, acknowledged_by, notified_at)
    select id, account_id, line_id, ${callAt}, ${callAt}, 'acknowledged', ${callAt}, 'keypad', null from r
    union all select id, account_id, line_id, ${weekBefore}, ${weekBefore}, 'missed', null, null, ${callAt} from r
    union all select id, account_id, line_id, ${callAt}::timestamptz + interval '1 hour',
      ${callAt}::timestamptz + interval '1 hour', 'missed', null, null, ${callAt} from r`;
  return lineId;
}

describe("weekly digest", () => {
  beforeEach(async () => {
    await testDb.resetData();
    twilio.sim.reset();
  });

  it.each([
    // Fall back on Sunday 2026-11-01: Monday 08:00 EST is 13:00 UTC.
    [
      "after the autumn change",
      "2026-10-28T15:00:00Z",
      "2026-11-02T12:59:00Z",
      "2026-11-02T13:00:00Z",
      "Oct 26",
      2,
      "up from the week before",
    ],
    // Spring forward on Sunday 2027-03-14: Monday 08:00 EDT is 12:00 UTC.
    [
      "after the spring change",
      "2027-03-14T16:00:00Z",
      "2027-03-15T11:59:00Z",
      "2027-03-15T12:00:00Z",
      "Mar 8",
      4,
      "about the same as the week before",
    ],
  ])(
    "is sent once at the owner's Monday 08:00 %s",
    async (_, callAt, before, at, weekOf, previousMood, trend) => {
      const lineId = await family(new Date(callAt), previousMood);
      const member = await addNotifiedMember(testDb.db.sql, lineId, ["weekly_digest"]);
      const other = await addNotifiedMember(testDb.db.sql, lineId, ["billing"]);
      let clock = new Date(before);
      const { tick } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url }, () => clock);
      await tick();
      expect(twilio.sim.messages()).toEqual([]);

      clock = new Date(at);
      await Promise.all([tick(), tick()]);
      clock = new Date(new Date(at).getTime() + 26 * 3_600_000); // a late tick on Tuesday
      await tick();
      const texts = twilio.sim.messages();
      expect(texts.map((m) => m.to)).toEqual([member]);
      expect(texts[0]?.body).toBe(
        `Ultaura weekly summary, week of ${weekOf}: 1 call answered, 1 missed, 12 minutes of conversation, ` +
          `0 safety alerts. Average mood 4.0 of 5, ${trend}. 1 family message passed on. ` +
          "Reminders: 1 confirmed, 1 missed. See the app for each call. Reply STOP to stop these texts.",
      );
      expect(twilio.sim.messages().some((m) => m.to === other)).toBe(false);
      expect(await testDb.db.sql`select kind, sms from ultaura_member_alerts`).toEqual([
        { kind: "weekly_digest", sms: "sent" },
      ]);
    },
  );

  it("counts only the owner's local week, and waits for the next Monday for an account opened this week", async () => {
    // Sunday 23:30 in New York is already Monday in UTC: it belongs to the week summarised.
    const lineId = await family(new Date("2026-11-09T04:30:00Z"));
    const member = await addNotifiedMember(testDb.db.sql, lineId, ["weekly_digest"]);
    let clock = new Date("2026-11-09T13:00:00Z");
    const { tick } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url }, () => clock);
    await tick();
    expect(twilio.sim.messages()[0]?.body).toMatch(/week of Nov 2: 1 call answered, 1 missed/);

    await testDb.db.sql`update ultaura_accounts set created_at = '2026-11-10T15:00:00Z'`;
    await testDb.db.sql`delete from ultaura_notifications`;
    clock = new Date("2026-11-11T13:00:00Z");
    await tick();
    expect(twilio.sim.messages().filter((m) => m.to === member)).toHaveLength(1);
  });
});
