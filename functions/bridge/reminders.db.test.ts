import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
} from "../../tests/support/kit.ts";
import { type CallContext, callContext } from "../_shared/contracts/bridge.ts";

/**
 * Reminders by voice and in calls (issue 24), through functions/bridge as the Worker reaches it: the
 * model's tools set, list, snooze and cancel the person's own reminders and speak a confirmation; the
 * family's reminders can be moved or skipped but not cancelled; an unattested caller gets none of it; a
 * reminder call opens with the reminder and lends key 1 to the acknowledgement; a companion call gives a
 * due reminder inside it.
 */
const t = useTestDatabase();
const bridge = useBridgeApp(t);

const rose = (direction: "inbound" | "outbound" = "outbound") =>
  startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose, direction });

async function context(session: string): Promise<CallContext> {
  const { response, json } = await bridgePost(bridge.app, `sessions/${session}/context`, {});
  expect(response.status).toBe(200);
  return callContext.parse(await json());
}

async function familyReminder(text: string) {
  const [row] = await t.db.sql<{ id: string }[]>`
    insert into public.ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone)
    values (${SEED.accounts.demo}, ${SEED.lines.rose}, ${text}, 'medication', '{0,1,2,3,4,5,6}', '{08:00}', 'America/Los_Angeles')
    returning id`;
  return row?.id as string;
}

async function occurrence(reminderId: string, state: string, sessionId: string | null) {
  const [row] = await t.db.sql<{ id: string }[]>`
    insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at, state,
      call_session_id, attempts)
    values (${reminderId}, ${SEED.accounts.demo}, ${SEED.lines.rose}, '2026-06-01T15:00:00Z', '2026-06-01T15:00:00Z',
      ${state}, ${sessionId}, ${sessionId ? 1 : 0})
    returning id`;
  return row?.id as string;
}

describe("reminders by voice", () => {
  it("sets, lists, snoozes and cancels the person's own reminder, confirming each in plain words", async () => {
    const call = await rose();
    const set = await callTool(bridge.app, call, "set_reminder", {
      text: "take my pills",
      kind: "medication",
      time: "20:00",
    });
    expect(set.status).toBe(200);
    expect(set.body.output).toMatchObject({
      ok: true,
      say: "Done: I will remind you to take my pills 8 o'clock, every day.",
    });
    const ref = set.body.output.reminderId as string;
    const [stored] = await t.db
      .sql`select set_by, text, next_due_at from public.ultaura_reminders where left(id::text, 8) = ${ref}`;
    expect(stored).toMatchObject({ set_by: "voice", text: "take my pills" });
    expect(stored?.next_due_at).not.toBeNull();

    const listed = await callTool(bridge.app, call, "list_reminders", {});
    expect(listed.body.output.reminders).toEqual([
      expect.objectContaining({ reminderId: ref, text: "take my pills", setByFamily: false }),
    ]);

    const snoozed = await callTool(bridge.app, call, "move_reminder", { reminderId: ref, inMinutes: 30 });
    expect(snoozed.body.output).toMatchObject({ ok: true });
    expect(snoozed.body.output.say).toMatch(
      /^All right: I will remind you to take my pills \d+(:\d\d| o'clock)\.$/,
    );
    const [moved] = await t.db
      .sql`select next_due_at from public.ultaura_reminders where left(id::text, 8) = ${ref}`;
    expect(Math.abs(moved?.next_due_at.getTime() - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);

    const cancelled = await callTool(bridge.app, call, "cancel_reminder", { reminderId: ref });
    expect(cancelled.body.output).toMatchObject({
      ok: true,
      say: "Done: the reminder to take my pills is cancelled.",
    });
    expect(
      await t.db.sql`select 1 from public.ultaura_reminders where left(id::text, 8) = ${ref}`,
    ).toHaveLength(0);
  });

  it("speaks the confirmation in Spanish on a Spanish line", async () => {
    const call = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    const set = await callTool(bridge.app, call, "set_reminder", {
      text: "tomar las pastillas",
      time: "09:30",
      daysOfWeek: [1, 4],
    });
    expect(set.body.output.say).toBe(
      "Listo: le recordaré tomar las pastillas las 9:30, cada lunes y jueves.",
    );
  });

  it("lets the family's reminder be skipped once or moved, never cancelled by voice", async () => {
    const id = await familyReminder("Blood pressure pill");
    const [before] = await t.db.sql`select next_due_at from public.ultaura_reminders where id = ${id}`;
    const call = await rose();
    const ref = id.slice(0, 8);
    const refused = await callTool(bridge.app, call, "cancel_reminder", { reminderId: ref });
    expect(refused.body.output).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(refused.body.output.say).toContain("set by your family");
    expect(await t.db.sql`select 1 from public.ultaura_reminders where id = ${id}`).toHaveLength(1);

    const skipped = await callTool(bridge.app, call, "move_reminder", { reminderId: ref, skip: true });
    expect(skipped.body.output.say).toBe(
      "All right: I will skip the next reminder to Blood pressure pill, just this once.",
    );
    const [after] = await t.db.sql`select next_due_at from public.ultaura_reminders where id = ${id}`;
    expect(after?.next_due_at.getTime() - before?.next_due_at.getTime()).toBe(86_400_000);
  });

  it("refuses every reminder tool to an unattested caller and changes nothing", async () => {
    const id = await familyReminder("Blood pressure pill");
    const call = await rose("inbound");
    await t.db.sql`update public.ultaura_call_sessions set caller_trust = 'unattested' where id = ${call}`;
    const ctx = await context(call);
    expect(ctx.tools.map((tool) => tool.name)).not.toContain("set_reminder");
    expect(ctx.instructions).not.toContain("Blood pressure pill");
    for (const [name, args] of [
      ["set_reminder", { text: "planted", time: "08:00" }],
      ["list_reminders", {}],
      ["move_reminder", { reminderId: id.slice(0, 8), skip: true }],
      ["cancel_reminder", { reminderId: id.slice(0, 8) }],
      ["acknowledge_reminder", {}],
    ] as const) {
      const refused = await callTool(bridge.app, call, name, args);
      expect(refused.status, name).toBe(403);
      expect(refused.body.error?.code).toBe("tool_not_offered");
    }
    expect(await t.db.sql`select text from public.ultaura_reminders`).toEqual([
      { text: "Blood pressure pill" },
    ]);
  });
});

describe("reminders in calls", () => {
  it("opens a reminder call with the reminder, lends key 1 to the acknowledgement, and records it", async () => {
    const id = await familyReminder("take the blood pressure pill");
    const call = await rose();
    const occurrenceId = await occurrence(id, "calling", call);
    const ctx = await context(call);
    expect(ctx.phrases.greeting).toContain(
      `"Hello Rosie, this is Ultaura with your 8 o'clock reminder: take the blood pressure pill. Press 1 or say yes when you have."`,
    );
    expect(ctx.keyTools).toEqual({ "1": "acknowledge_reminder" });

    const pressed = await callTool(bridge.app, call, "acknowledge_reminder", { via: "keypad" });
    expect(pressed.body.output).toMatchObject({ ok: true, acknowledged: 1 });
    expect(pressed.body.followUp).toContain("Thank them");
    const [row] = await t.db
      .sql`select state, acknowledged_by from public.ultaura_reminder_occurrences where id = ${occurrenceId}`;
    expect(row).toEqual({ state: "acknowledged", acknowledged_by: "keypad" });
    // The call's end no longer changes it.
    await t.db
      .sql`update public.ultaura_call_sessions set status = 'completed', ended_at = now() where id = ${call}`;
    const [settled] = await t.db
      .sql`select state from public.ultaura_reminder_occurrences where id = ${occurrenceId}`;
    expect(settled?.state).toBe("acknowledged");
  });

  it("a reminder call in Spanish opens in Spanish", async () => {
    const [reminder] = await t.db.sql<{ id: string }[]>`
      insert into public.ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone)
      values (${SEED.accounts.paid}, ${SEED.lines.paid}, 'tomar la pastilla', 'medication', '{1}', '{08:00}', 'America/Chicago')
      returning id`;
    const call = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    await t.db.sql`
      insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at, state, call_session_id, attempts)
      values (${reminder?.id as string}, ${SEED.accounts.paid}, ${SEED.lines.paid}, '2026-06-01T13:00:00Z', '2026-06-01T13:00:00Z', 'calling', ${call}, 1)`;
    const ctx = await context(call);
    expect(ctx.phrases.greeting).toContain(
      '"Hola Maria, le habla Ultaura con su recordatorio de las 8: tomar la pastilla. Marque 1 o diga sí cuando lo haya hecho."',
    );
  });

  it("gives a reminder due during a companion call at the caller's next turn, once, and a spoken yes acknowledges it", async () => {
    const id = await familyReminder("take the blood pressure pill");
    const call = await rose();
    const ctx = await context(call);
    expect(ctx.keyTools).toBeUndefined();
    // The scheduler hands the call a reminder that fell due during it.
    const occurrenceId = await occurrence(id, "in_call", call);
    const said = async () => {
      const { json } = await bridgePost(bridge.app, `sessions/${call}/transcript`, {
        text: "the garden is lovely today",
      });
      return ((await json()) as { hint: string | null }).hint;
    };
    expect(await said()).toContain(
      'A reminder is due now: their 8 o\'clock reminder, "take the blood pressure pill"',
    );
    expect(await said()).toBeNull();
    const yes = await callTool(bridge.app, call, "acknowledge_reminder", {});
    expect(yes.body.output).toMatchObject({ ok: true, acknowledged: 1 });
    expect(yes.body.followUp).toBeUndefined();
    const [row] = await t.db
      .sql`select state, acknowledged_by from public.ultaura_reminder_occurrences where id = ${occurrenceId}`;
    expect(row).toEqual({ state: "acknowledged", acknowledged_by: "voice" });
  });

  it("a companion call starting takes a reminder due within 15 minutes into its instructions", async () => {
    const id = await familyReminder("take the blood pressure pill");
    await t.db.sql`
      insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at, result)
      values (${id}, ${SEED.accounts.demo}, ${SEED.lines.rose}, now() + interval '10 minutes', now() + interval '25 minutes', 'waiting_for_call')`;
    const call = await rose();
    const ctx = await context(call);
    expect(ctx.instructions).toContain('"take the blood pressure pill"');
    const [row] = await t.db
      .sql`select state, given_in_call, call_session_id from public.ultaura_reminder_occurrences`;
    expect(row).toEqual({ state: "in_call", given_in_call: true, call_session_id: call });
  });
});
