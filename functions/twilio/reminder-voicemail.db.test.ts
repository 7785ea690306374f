import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { newCallSid, twilioTestApp, twilioTestEnv, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * A reminder call answered by a machine (issue 24): a short voicemail with the reminder's time in the
 * line's zone and language, and nothing of what it is about; the occurrence is then retried.
 */
const testDb = useTestDatabase();

beforeEach(() => testDb.resetData());

async function reminderCall(accountId: string, lineId: string, timezone: string, occurrenceAt: string) {
  const [session] = await testDb.db.sql<{ id: string }[]>`
    insert into ultaura_call_sessions (account_id, line_id, direction, status)
    values (${accountId}, ${lineId}, 'outbound', 'queued') returning id`;
  const [reminder] = await testDb.db.sql<{ id: string }[]>`
    insert into public.ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone)
    values (${accountId}, ${lineId}, 'the heart pills in the blue box', 'medication', '{0,1,2,3,4,5,6}', '{08:00}', ${timezone})
    returning id`;
  await testDb.db.sql`
    insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at, state, call_session_id, attempts)
    values (${reminder?.id as string}, ${accountId}, ${lineId}, ${occurrenceAt}, ${occurrenceAt}, 'calling', ${session?.id as string}, 1)`;
  await testDb.db.sql`update ultaura_lines set voicemail_behavior = 'leave_message' where id = ${lineId}`;
  return session?.id as string;
}

const machine = (callSid: string, to: string) => ({
  CallSid: callSid,
  From: twilioTestEnv.TWILIO_PHONE_NUMBER,
  To: to,
  CallStatus: "in-progress",
  Direction: "outbound-api",
  AnsweredBy: "machine_end_beep",
});

describe("a reminder call's voicemail", () => {
  it.each([
    [
      "en-US",
      "Hello Rosie, this is Ultaura with your 8 o'clock reminder. We will try you again soon. Goodbye.",
    ],
    [
      "es-US",
      "Hola Rosie, le habla Ultaura con su recordatorio de las 8. Volveremos a llamarle pronto. Adiós.",
    ],
  ])("says only the time of the reminder (%s)", async (tag, sentence) => {
    await testDb.db.sql`update ultaura_lines set language = ${tag} where id = ${SEED.lines.rose}`;
    const session = await reminderCall(
      SEED.accounts.demo,
      SEED.lines.rose,
      "America/Los_Angeles",
      "2026-06-01T15:00:00Z",
    );
    const { post } = twilioTestApp(testDb.db);
    const xml = await (
      await post(`/twilio/voice/outbound?sessionId=${session}`, machine(newCallSid(), SEED.phones.rose))
    ).text();
    expect(xml).toContain(`<Say language="${tag}">${sentence.replaceAll("'", "&apos;")}</Say>`);
    expect(xml).not.toContain("heart");
    expect(xml).not.toContain("<Stream");

    // The machine's call ends: not acknowledged, so the occurrence waits for its retry.
    await testDb.db
      .sql`update ultaura_call_sessions set status = 'completed', ended_at = now() where id = ${session}`;
    const [occurrence] = await testDb.db.sql`select state, result from public.ultaura_reminder_occurrences`;
    expect(occurrence).toEqual({ state: "pending", result: "voicemail" });
  });
});
