/// <reference lib="dom" />
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { localDateTime } from "../../functions/_shared/domain/scheduling/zoned-time.ts";
import { createDatabase } from "../../functions/_shared/platform/db.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually, stackScheduler } from "../support/kit.ts";
import { type Browser, openBrowser, PHONE, screenshots, scrollsSideways, signIn } from "./web-browser.ts";

/**
 * A reminder end to end (issue 24), at phone width: the family adds it on Rose's line page and sees its
 * next time in her zone; the scheduler (in this process, its clock moved to that time) dials through the
 * Twilio simulator; Rose answers, the call streams through the Worker to the Grok simulator, she presses 1,
 * the Worker posts acknowledge_reminder, and the line page shows it acknowledged, and so does the activity page.
 */
const { urls, databaseUrl, env } = inject("stack");
const password = env.SEED_USER_PASSWORD ?? "ultaura-demo-password";
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const db = createDatabase(databaseUrl, { max: 4 });
let clock = new Date();
const tick = stackScheduler(db, env, () => clock);

describe("reminders on the line page", () => {
  let browser: Browser;
  beforeAll(async () => {
    // Rose's daily companion call stays out of the way of the reminder's call, and her quiet hours out of
    // the way of a reminder set a few minutes from now (the scheduler's clock must stay near the real one:
    // its sweep closes calls that look older than 10 minutes).
    await sql`update ultaura_schedules set enabled = false where line_id = ${SEED.lines.rose}`;
    await sql`update ultaura_lines set quiet_hours_start = null, quiet_hours_end = null where id = ${SEED.lines.rose}`;
    // tests/e2e/calls.test.ts records Rose's "stop calling me" (9 then 9); only the owner's re-enable clears it.
    const [line] = await sql<{ do_not_call: boolean }[]>`
      select do_not_call from ultaura_lines where id = ${SEED.lines.rose}`;
    if (line?.do_not_call)
      await db.asUser(
        { sub: SEED.users.demo.id, role: "authenticated" },
        (tx) =>
          tx`select public.ultaura_reenable_calls(${SEED.lines.rose}, 'Rose asked for her reminders (e2e)')`,
      );
    browser = await openBrowser(PHONE);
    await signIn(browser.page, urls.web, SEED.users.demo.email, password);
  });
  afterAll(async () => {
    await browser?.close();
    await sql`delete from ultaura_reminders where line_id = ${SEED.lines.rose}`;
    await sql`update ultaura_schedules set enabled = true where line_id = ${SEED.lines.rose}`;
    await sql`update ultaura_lines set quiet_hours_start = '21:00', quiet_hours_end = '08:00' where id = ${SEED.lines.rose}`;
    await sql.end();
    await db.close();
  });

  it("adds a reminder, shows its next time, and shows it acknowledged after Rose pressed 1", async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/lines/${SEED.lines.rose}/reminders`);
    await page.getByRole("button", { name: "Add a reminder" }).click();
    await page.getByLabel("Remind them to…").fill("Take the blood pressure pill");
    await page.getByLabel("Kind").selectOption("medication");
    const soon = localDateTime(new Date(Date.now() + 120_000), "America/Los_Angeles");
    const hhmm = `${String(soon.hour).padStart(2, "0")}:${String(soon.minute).padStart(2, "0")}`;
    await page.getByLabel(/Time .*in Los Angeles time/).fill(hhmm);
    await page.getByRole("button", { name: "Add reminder" }).click();
    const card = page.getByTestId("reminder").filter({ hasText: "Take the blood pressure pill" });
    const shown = `${soon.hour % 12 === 0 ? 12 : soon.hour % 12}:${String(soon.minute).padStart(2, "0")} ${soon.hour < 12 ? "AM" : "PM"}`;
    await card.getByTestId("reminder-next").filter({ hasText: shown }).waitFor();
    expect(await card.textContent()).toContain(`Every day at ${shown}`);
    expect(await scrollsSideways(page)).toBe(false);

    const [reminder] = await sql<{ id: string; next_due_at: Date }[]>`
      select id, next_due_at from ultaura_reminders where line_id = ${SEED.lines.rose}`;
    if (!reminder) throw new Error("the reminder was not stored");
    const callee = await fetch(`${urls.twilioApi}/_sim/callees`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        to: SEED.phones.rose,
        answer: "answer",
        kind: "human",
        dtmf: "1@6,1@10",
        seconds: 14,
      }),
    });
    expect(callee.status).toBe(200);

    clock = new Date(reminder.next_due_at.getTime() + 5_000);
    await tick();
    const acknowledged = await eventually(
      () =>
        sql`select state, acknowledged_by from ultaura_reminder_occurrences where reminder_id = ${reminder.id}`,
      { until: (rows) => rows[0]?.state === "acknowledged", timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(acknowledged).toEqual([{ state: "acknowledged", acknowledged_by: "keypad" }]);

    await page.reload();
    await card.getByTestId("reminder-occurrences").filter({ hasText: "Acknowledged (pressed 1)" }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);

    // The family's activity lists the same occurrence, under Rose's filter, at phone width.
    await page.goto(`${urls.web}/activity?lineId=${SEED.lines.rose}`);
    const given = page
      .getByTestId("reminder-occurrence")
      .filter({ hasText: "Rose · Medication: Take the blood pressure pill" });
    await given.filter({ hasText: "Acknowledged (pressed 1)" }).waitFor();
    expect(await given.count()).toBe(1);
    expect(await given.textContent()).toContain(shown);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshots(page, "activity-reminders");
  }, 150_000);
});
