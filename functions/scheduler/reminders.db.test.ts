import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  notifyDeps,
  phoneNumber,
  schedulerHarness,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";
import { copyFor } from "../_shared/domain/copy/index.ts";
import { notifyMembers } from "../_shared/domain/notifications/notify.ts";
import type { MemberNotice } from "./reminder-misses.ts";

/**
 * Reminder delivery by the scheduler's tick (issue 24): due reminders are claimed like schedules, the
 * dialler places one short call at the local time (across a DST change), duplicated ticks ring once,
 * quiet hours and opt-outs stop the call, a companion call in progress takes the reminder instead, and
 * the last unacknowledged attempt tells the family once.
 */
const database = useTestDatabase();
const twilio = useTwilioSimulator();
const sql = () => database.db.sql;

let clock = new Date();
const notices: MemberNotice[] = [];
const harness = () =>
  schedulerHarness(database.db, {}, () => clock, {
    notifyMembers: async (notice) => {
      notices.push(notice);
    },
  });

async function familyReminder(fields: { times: string[]; dueAt: string; retries?: number; text?: string }) {
  const [row] = await sql()<{ id: string }[]>`
    insert into public.ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone, retries,
      retry_minutes)
    values (${SEED.accounts.demo}, ${SEED.lines.rose}, ${fields.text ?? "Take the blood pressure pill"}, 'medication',
      '{0,1,2,3,4,5,6}', ${fields.times}::time[], 'America/Los_Angeles', ${fields.retries ?? 2}, 10)
    returning id`;
  // Planned from the test's clock rather than the database's.
  await sql()`update public.ultaura_reminders set next_due_at = ${fields.dueAt} where id = ${row?.id as string}`;
  return row?.id as string;
}

const occurrences = (reminderId: string) =>
  sql()<
    { occurrence_at: Date; state: string; result: string | null; attempts: number; call_session_id: string }[]
  >`
    select occurrence_at, state, result, attempts, call_session_id from public.ultaura_reminder_occurrences
    where reminder_id = ${reminderId} order by occurrence_at`;

async function endCall(sessionId: string, status: string, at: Date) {
  await sql()`update public.ultaura_call_sessions set status = ${status}::public.ultaura_call_status, ended_at = ${at}
    where id = ${sessionId}`;
}

beforeEach(async () => {
  await database.resetData();
  // Rose's daily companion call is at 10:00; these tests want the reminder alone unless they say so.
  await sql()`update public.ultaura_schedules set enabled = false where line_id = ${SEED.lines.rose}`;
  notices.length = 0;
});

describe("reminder delivery", () => {
  it("places one reminder call at 08:00 in the line's zone on each side of a DST change", async () => {
    // Los Angeles springs forward on 2026-03-08: 08:00 PST is 16:00Z, 08:00 PDT is 15:00Z.
    const id = await familyReminder({ times: ["08:00"], dueAt: "2026-03-07T16:00:00Z" });
    const { tick, dialled } = harness();
    clock = new Date("2026-03-07T16:00:20Z");
    expect((await tick()).status).toBe(200);
    expect(dialled).toEqual([SEED.phones.rose]);
    const [reminder] = await sql()`select next_due_at from public.ultaura_reminders where id = ${id}`;
    expect(reminder?.next_due_at.toISOString()).toBe("2026-03-08T15:00:00.000Z");

    clock = new Date("2026-03-08T14:59:00Z");
    await tick();
    expect(dialled).toHaveLength(1);
    clock = new Date("2026-03-08T15:00:20Z");
    await tick();
    expect(dialled).toEqual([SEED.phones.rose, SEED.phones.rose]);
    expect((await occurrences(id)).map((o) => [o.occurrence_at.toISOString(), o.state, o.attempts])).toEqual([
      ["2026-03-07T16:00:00.000Z", "calling", 1],
      ["2026-03-08T15:00:00.000Z", "calling", 1],
    ]);
  });

  it("rings once however many ticks run at the same time", async () => {
    await familyReminder({ times: ["08:00"], dueAt: "2026-06-01T15:00:00Z" });
    const { tick, dialled } = harness();
    clock = new Date("2026-06-01T15:00:10Z");
    const responses = await Promise.all(Array.from({ length: 6 }, () => tick()));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(dialled).toEqual([SEED.phones.rose]);
    const [sessions] =
      await sql()`select count(*)::int as n from public.ultaura_call_sessions where line_id = ${SEED.lines.rose}`;
    expect(sessions?.n).toBe(1);
  });

  it("does not ring in the line's quiet hours nor after an opt-out, and records why", async () => {
    const night = await familyReminder({ times: ["22:00"], dueAt: "2026-06-02T05:00:00Z" });
    const { tick, dialled } = harness();
    clock = new Date("2026-06-02T05:00:10Z");
    await tick();
    expect(dialled).toEqual([]);
    expect((await occurrences(night)).map((o) => [o.state, o.result])).toEqual([
      ["skipped", "skipped_quiet_hours"],
    ]);

    const morning = await familyReminder({ times: ["09:00"], dueAt: "2026-06-02T16:00:00Z" });
    await sql()`update public.ultaura_lines set do_not_call = true where id = ${SEED.lines.rose}`;
    clock = new Date("2026-06-02T16:00:10Z");
    await tick();
    expect(dialled).toEqual([]);
    expect((await occurrences(morning)).map((o) => [o.state, o.result])).toEqual([
      ["skipped", "skipped_opt_out"],
    ]);
  });

  it("gives a reminder due during a companion call in that call, and dials nobody", async () => {
    const [live] = await sql()<{ id: string }[]>`
      insert into public.ultaura_call_sessions (account_id, line_id, direction, status, started_at, answered_at, from_e164, to_e164)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'outbound', 'in_progress', now(), now(), '+15555550199', ${SEED.phones.rose})
      returning id`;
    const id = await familyReminder({ times: ["08:00"], dueAt: "2026-06-03T15:00:00Z" });
    const { tick, dialled } = harness();
    clock = new Date("2026-06-03T15:00:10Z");
    await tick();
    expect(dialled).toEqual([]);
    expect((await occurrences(id)).map((o) => [o.state, o.call_session_id])).toEqual([["in_call", live?.id]]);
  });

  it("waits for a companion call due within 15 minutes instead of ringing twice", async () => {
    await sql()`update public.ultaura_schedules set enabled = true where line_id = ${SEED.lines.rose}`;
    await sql()`update public.ultaura_schedules set next_run_at = '2026-06-04T15:10:00Z' where line_id = ${SEED.lines.rose}`;
    const id = await familyReminder({ times: ["08:00"], dueAt: "2026-06-04T15:00:00Z" });
    const { tick, dialled } = harness();
    clock = new Date("2026-06-04T15:00:10Z");
    await tick();
    expect(dialled).toEqual([]);
    const [waiting] =
      await sql()`select state, due_at, result from public.ultaura_reminder_occurrences where reminder_id = ${id}`;
    expect(waiting).toMatchObject({ state: "pending", result: "waiting_for_call" });
    expect(waiting?.due_at.toISOString()).toBe("2026-06-04T15:25:00.000Z");
  });

  it("retries an unanswered reminder, then tells the family once when the last attempt is missed", async () => {
    const id = await familyReminder({ times: ["08:00"], dueAt: "2026-06-05T15:00:00Z", retries: 2 });
    const { tick, dialled, sessions } = harness();
    clock = new Date("2026-06-05T15:00:10Z");
    await tick();
    for (const [attempt, ended] of [
      [0, "2026-06-05T15:01:00Z"],
      [1, "2026-06-05T15:12:00Z"],
      [2, "2026-06-05T15:23:00Z"],
    ] as const) {
      expect(dialled, `attempt ${attempt}`).toHaveLength(attempt + 1);
      await endCall(sessions[attempt] as string, "no_answer", new Date(ended));
      // A duplicated status callback changes nothing.
      await endCall(sessions[attempt] as string, "no_answer", new Date(ended));
      clock = new Date(new Date(ended).getTime() + 10 * 60_000 + 5_000);
      await Promise.all([tick(), tick()]);
    }
    expect(dialled).toHaveLength(3);
    const [missed] = await occurrences(id);
    expect(missed).toMatchObject({ state: "missed", attempts: 3, result: "no_answer" });
    expect(notices).toHaveLength(1);
    await tick();
    expect(notices).toHaveLength(1);
    const notice = notices[0] as MemberNotice;
    expect(notice).toMatchObject({ accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    expect(notice.subject).toMatch(/^reminder-miss:/);
    expect(notice.text(copyFor("en"))).toBe(
      'Ultaura: Rosie did not confirm the 8 o\'clock medication reminder ("Take the blood pressure pill") after every attempt. You may want to check in with them.',
    );
    expect(notice.text(copyFor("es"))).toContain("no confirmó el recordatorio de medicamento de las 8");
  });

  it("texts each member who asked for reminder notices once, through Twilio, after the last miss", async () => {
    const memberPhone = phoneNumber();
    const ownerPhone = phoneNumber();
    const uninterestedPhone = phoneNumber();
    await sql()`insert into public.ultaura_account_members (account_id, user_id, role)
      values (${SEED.accounts.demo}, ${SEED.users.paid.id}, 'member'), (${SEED.accounts.demo}, ${SEED.users.low.id}, 'member')`;
    await sql()`insert into public.ultaura_member_notification_settings (user_id, language, phone_e164, kinds)
      values (${SEED.users.demo.id}, 'en', ${ownerPhone}, '{reminders}'),
             (${SEED.users.paid.id}, 'es', ${memberPhone}, '{reminders,missed_calls}'),
             (${SEED.users.low.id}, 'en', ${uninterestedPhone}, '{missed_calls}')`;
    // As if each had checked the code Twilio Verify sent (the care circle's own tests cover that part).
    await sql()`update public.ultaura_member_notification_settings set phone_verified_at = now()`;
    const deps = notifyDeps(database.db, twilio.url);
    const { tick, sessions } = schedulerHarness(database.db, {}, () => clock, {
      notifyMembers: (notice) => notifyMembers(deps, { ...notice, kind: "reminders" }),
    });
    await familyReminder({ times: ["08:00"], dueAt: "2026-06-06T15:00:00Z", retries: 1 });
    const before = twilio.sim.messages().length;
    clock = new Date("2026-06-06T15:00:10Z");
    await tick();
    await endCall(sessions[0] as string, "no_answer", new Date("2026-06-06T15:01:00Z"));
    clock = new Date("2026-06-06T15:11:10Z");
    await tick();
    await endCall(sessions[1] as string, "busy", new Date("2026-06-06T15:12:00Z"));
    await Promise.all([tick(), tick(), tick()]);

    const sent = twilio.sim.messages().slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual([ownerPhone, memberPhone].sort());
    expect(sent.find((m) => m.to === ownerPhone)?.body).toMatch(
      /^Ultaura: Rosie did not confirm the 8 o'clock medication reminder \("Take the blood pressure pill"\)/,
    );
    expect(sent.find((m) => m.to === memberPhone)?.body).toMatch(
      /^Ultaura: Rosie no confirmó el recordatorio/,
    );
    const alerts = await sql()`select user_id from public.ultaura_member_alerts where kind = 'reminders'`;
    expect(alerts).toHaveLength(2);
  });
});
