import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { copyFor, languageOf } from "../../functions/_shared/domain/copy/index.ts";
import { describeTiming, spokenClock } from "../../functions/_shared/domain/reminders/timing.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually, seededUserToken } from "../support/kit.ts";
import { simulators } from "../support/simulators.ts";

/**
 * Issue 24 on the running stack (Twilio sim → functions → Worker → Grok sim): an attested caller sets,
 * lists, snoozes and cancels a reminder by voice — the Grok simulator calls the tools — and each tool's
 * confirmation goes back to the model to speak (the `function_call_output` the simulator received).
 */
const { urls, databaseUrl } = inject("stack");
const sim = simulators(urls);
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

/** Two caller turns per call, each well after the greeting and the previous answer. */
const TWO_TURNS = { from: SEED.phones.paid, seconds: 17, speak: "3-4.5,10-11.5" };
const ONE_TURN = { from: SEED.phones.paid, seconds: 9, speak: "3-4.5" };
/** Leeway between the test's clock and the functions' (same machine; the request's own latency). */
const SKEW_MS = 5_000;

interface ReminderRow {
  id: string;
  text: string;
  set_by: string;
  times: string[];
  days_of_week: number[] | null;
  timezone: string;
  next_due_at: Date | null;
}

const reminderNamed = async (text: string) =>
  (
    await sql<ReminderRow[]>`
      select id, text, set_by, times, days_of_week, timezone, next_due_at from ultaura_reminders
      where line_id = ${SEED.lines.paid} and text = ${text}`
  )[0];

/** The function results the Worker gave the Grok sessions opened since `before`, parsed, in order. */
async function toolResultsSince(before: Set<string>, count: number) {
  return eventually(
    async () =>
      (await sim.grokSessions())
        .filter((session) => !before.has(session.id))
        .flatMap((session) => session.functionOutputs)
        .map((result) => JSON.parse(result.output) as Record<string, unknown>),
    { until: (results) => results.length >= count, timeoutMs: 30_000 },
  );
}

const sessionIds = async () => new Set((await sim.grokSessions()).map((session) => session.id));

describe("reminders by voice through the whole stack", () => {
  it("sets, lists, snoozes and cancels a reminder, each confirmation given back to the model", async () => {
    const text = `take my pills ${Date.now().toString(36)}`;
    const bearer = await seededUserToken(SEED.users.paid.email);
    const [line] = await sql<
      { language: string }[]
    >`select language from ultaura_lines where id = ${SEED.lines.paid}`;
    const copy = copyFor(languageOf(line?.language ?? "en")).reminders;

    // Call 1: "remind me to take my pills at 8 pm", then "what are my reminders?".
    await sim.grokScript([
      {
        onCallerTurn: 1,
        functionCall: { name: "set_reminder", arguments: { text, kind: "medication", time: "20:00" } },
      },
      { onCallerTurn: 2, functionCall: { name: "list_reminders", arguments: {} } },
    ]);
    let before = await sessionIds();
    await sim.call(TWO_TURNS);
    const [set, listed] = await toolResultsSince(before, 2);

    const stored = await eventually(() => reminderNamed(text), { until: (row) => row !== undefined });
    expect(stored).toMatchObject({ set_by: "voice", days_of_week: [0, 1, 2, 3, 4, 5, 6] });
    expect(stored?.times.map((time) => time.slice(0, 5))).toEqual(["20:00"]);
    expect(stored?.next_due_at).not.toBeNull();
    const ref = stored?.id.slice(0, 8) ?? "";
    expect(set).toMatchObject({ ok: true, reminderId: ref });
    const timezone = stored?.timezone ?? "";
    const daily = { daysOfWeek: [0, 1, 2, 3, 4, 5, 6], times: ["20:00"], timezone };
    expect(set?.say).toBe(copy.set(text, describeTiming(copy, daily)));

    const page = await fetch(`${urls.functions}/api/lines/${SEED.lines.paid}/reminders`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(page.status).toBe(200);
    const { items } = (await page.json()) as { items: { id: string; text: string; setBy: string }[] };
    expect(items).toContainEqual(expect.objectContaining({ id: stored?.id, text, setBy: "voice" }));

    expect(listed).toMatchObject({ ok: true });
    expect(listed?.reminders).toContainEqual(
      expect.objectContaining({ reminderId: ref, text, setByFamily: false }),
    );

    // Call 2: "not now, in half an hour".
    await sim.grokScript([
      {
        onCallerTurn: 1,
        functionCall: { name: "move_reminder", arguments: { reminderId: ref, inMinutes: 30 } },
      },
    ]);
    before = await sessionIds();
    const startedAt = Date.now();
    await sim.call(ONE_TURN);
    const endedAt = Date.now();
    const [moved] = await toolResultsSince(before, 1);
    expect(moved).toMatchObject({ ok: true });
    const snoozedAt = (await reminderNamed(text))?.next_due_at ?? new Date(0);
    expect(moved?.say).toBe(copy.moved(text, spokenClock(copy, snoozedAt, timezone)));
    const snoozed = snoozedAt.getTime();
    expect(snoozed).toBeGreaterThanOrEqual(startedAt + 30 * 60_000 - SKEW_MS);
    expect(snoozed).toBeLessThanOrEqual(endedAt + 30 * 60_000 + SKEW_MS);

    // Call 3: "cancel that reminder".
    await sim.grokScript([
      { onCallerTurn: 1, functionCall: { name: "cancel_reminder", arguments: { reminderId: ref } } },
    ]);
    before = await sessionIds();
    await sim.call(ONE_TURN);
    const [cancelled] = await toolResultsSince(before, 1);
    expect(cancelled).toEqual({ ok: true, say: copy.cancelled(text) });
    expect(await reminderNamed(text)).toBeUndefined();

    const after = await fetch(`${urls.functions}/api/lines/${SEED.lines.paid}/reminders`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    const left = (await after.json()) as { items: { id: string }[] };
    expect(left.items.map((item) => item.id)).not.toContain(stored?.id);
  });
});
