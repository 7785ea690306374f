import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { schedulerHarness, schedulerTestEnv } from "../../tests/support/scheduler-harness.ts";
import { insertDueLines } from "../../tests/support/schedules.ts";

const testDb = useTestDatabase();

const env = schedulerTestEnv;
const scheduler = (overrides: Record<string, string> = {}, now?: () => Date) =>
  schedulerHarness(testDb.db, overrides, now);

async function runs() {
  return testDb.db.sql<{ line_id: string; state: string; result: string | null; outcome: string | null }[]>`
    select line_id, state, result::text, outcome from ultaura_schedule_runs order by created_at`;
}

describe("POST /scheduler/tick", () => {
  beforeEach(() => testDb.resetData());

  it.each([
    ["an unsigned tick", "none" as const],
    ["a tick signed with another key", { key: "sig_attacker_key" }],
    ["a tick signed for another URL", { url: "https://attacker.example/functions/v1/scheduler/tick" }],
    ["an expired tick", { now: new Date(Date.now() - 10 * 60_000) }],
  ])("refuses %s with 401 and dials nobody", async (_label, sign) => {
    await insertDueLines(testDb.db.sql, { count: 3, dueAt: new Date(Date.now() - 60_000) });
    const { tick, dialled } = scheduler();
    const response = await tick(sign);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_signature" } });
    expect(dialled).toEqual([]);
    expect(await runs()).toEqual([]);
    const [due] = await testDb.db
      .sql`select count(*)::int as n from ultaura_schedules where next_run_at <= now()`;
    expect(due?.n).toBe(3);
  });

  it("accepts a tick signed with the next signing key (key rotation)", async () => {
    await insertDueLines(testDb.db.sql, { count: 2, dueAt: new Date(Date.now() - 60_000) });
    const { tick, dialled } = scheduler();
    expect((await tick({ key: env.QSTASH_NEXT_SIGNING_KEY })).status).toBe(200);
    expect(dialled).toHaveLength(2);
  });

  it.each([2, 10])(
    "with %i concurrent ticks over 1,000 due schedules, dials each line exactly once",
    async (ticks) => {
      const lines = await insertDueLines(testDb.db.sql, {
        count: 1000,
        dueAt: new Date(Date.now() - 60_000),
      });
      const { tick, dialled } = scheduler();
      const responses = await Promise.all(Array.from({ length: ticks }, () => tick()));
      expect(responses.map((r) => r.status)).toEqual(Array(ticks).fill(200));

      expect(dialled).toHaveLength(1000);
      expect(new Set(dialled).size).toBe(1000);
      const [sessions] = await testDb.db.sql<{ n: number; lines: number }[]>`
      select count(*)::int as n, count(distinct line_id)::int as lines from ultaura_call_sessions
      where direction = 'outbound' and line_id = any(${lines})`;
      expect(sessions).toEqual({ n: 1000, lines: 1000 });
      const states = await testDb.db
        .sql`select state, count(*)::int as n from ultaura_schedule_runs group by state`;
      expect(states).toEqual([{ state: "placed", n: 1000 }]);
      const [later] = await testDb.db.sql`
      select count(*)::int as n from ultaura_schedules where line_id = any(${lines}) and next_run_at > now()`;
      expect(later?.n).toBe(1000);

      // A tick after them finds nothing left to do.
      const again = await tick();
      expect(await again.json()).toMatchObject({ schedulesClaimed: 0, leftover: 0 });
      expect(dialled).toHaveLength(1000);
    },
  );

  it("never dials an opted-out or unverified line, and records why on the run", async () => {
    const due = new Date(Date.now() - 60_000);
    const [optedOut, unverified, fine] = await insertDueLines(testDb.db.sql, { count: 3, dueAt: due });
    await testDb.db.sql`update ultaura_lines set do_not_call = true where id = ${optedOut as string}`;
    await testDb.db.sql`update ultaura_lines set phone_verified_at = null where id = ${unverified as string}`;
    const { tick, dialled } = scheduler();
    expect((await tick()).status).toBe(200);
    expect(dialled).toHaveLength(1);
    const byLine = new Map((await runs()).map((r) => [r.line_id, r]));
    expect(byLine.get(optedOut as string)).toMatchObject({
      state: "done",
      result: "skipped_opt_out",
      outcome: "skipped",
    });
    expect(byLine.get(unverified as string)).toMatchObject({
      state: "done",
      result: "skipped_unverified",
      outcome: "skipped",
    });
    expect(byLine.get(fine as string)).toMatchObject({ state: "placed", result: null });
    const [schedule] = await testDb.db.sql`
      select last_result::text from ultaura_schedules where line_id = ${optedOut as string}`;
    expect(schedule?.last_result).toBe("skipped_opt_out");
  });

  it("does not ring an account that has reached its spending cap, and records why", async () => {
    const [lineId] = await insertDueLines(testDb.db.sql, { count: 1, dueAt: new Date(Date.now() - 60_000) });
    const [account] = await testDb.db.sql<{ id: string }[]>`
      update ultaura_accounts set minutes_included = 0, spending_cap_cents = 1000
      where id = (select account_id from ultaura_lines where id = ${lineId as string})
      returning id`;
    if (!account) throw new Error("no account");
    // 70 overage minutes already used: the $10 cap at 15 ¢/min (66 minutes) is spent.
    const [past] = await testDb.db.sql<{ id: string }[]>`
      insert into ultaura_call_sessions (account_id, line_id, direction, status, seconds_connected)
      values (${account.id}, ${lineId as string}, 'outbound', 'completed', 4200) returning id`;
    await testDb.db.sql`
      insert into ultaura_minute_ledger (account_id, line_id, call_session_id, seconds_connected, billable_minutes,
        overage_minutes, billable_type, cycle_start, stripe_report_status)
      select a.id, ${lineId as string}, ${past?.id as string}, 4200, 70, 70, 'overage', a.cycle_start, 'reported'
      from ultaura_accounts a where a.id = ${account.id}`;
    const { tick, dialled } = scheduler();
    expect((await tick()).status).toBe(200);
    expect(dialled).toEqual([]);
    expect(await runs()).toEqual([
      { line_id: lineId, state: "done", result: "skipped_over_cap", outcome: "skipped" },
    ]);
  });

  it("keeps ticking when a zone is one Postgres accepts but Intl cannot read", async () => {
    const [odd, fine] = await insertDueLines(testDb.db.sql, {
      count: 2,
      dueAt: new Date(Date.now() - 60_000),
    });
    await testDb.db.sql`update ultaura_schedules set timezone = '+05:30' where line_id = ${odd as string}`;
    await testDb.db
      .sql`update ultaura_schedules set next_run_at = now() - interval '1 minute' where line_id = ${odd as string}`;
    await testDb.db
      .sql`update ultaura_lines set timezone = '+05:30', quiet_hours_start = '21:00', quiet_hours_end = '08:00'
                        where id = ${odd as string}`;
    const { tick, dialled } = scheduler();
    expect((await tick()).status).toBe(200);
    expect(dialled).toHaveLength(1);
    const byLine = new Map((await runs()).map((r) => [r.line_id, r]));
    expect(byLine.get(odd as string)).toMatchObject({ result: "skipped_quiet_hours", outcome: "skipped" });
    expect(byLine.get(fine as string)).toMatchObject({ state: "placed" });
    const [next] = await testDb.db.sql`
      select next_run_at > now() as later from ultaura_schedules where line_id = ${odd as string}`;
    expect(next).toEqual({ later: true });
  });

  it("keeps quiet hours in the line's zone and records the skip", async () => {
    // Rose (America/Los_Angeles, quiet 21:00–08:00): her schedule due at 23:30 local.
    const lateNight = new Date("2026-07-01T06:30:00Z");
    await testDb.db
      .sql`update ultaura_schedules set next_run_at = ${lateNight} where id = ${SEED.scheduleRoseDaily}`;
    const { tick, dialled } = scheduler({}, () => lateNight);
    expect((await tick()).status).toBe(200);
    expect(dialled).toEqual([]);
    expect(await runs()).toEqual([
      { line_id: SEED.lines.rose, state: "done", result: "skipped_quiet_hours", outcome: "skipped" },
    ]);
    const [schedule] = await testDb.db.sql`
      select next_run_at, last_result::text from ultaura_schedules where id = ${SEED.scheduleRoseDaily}`;
    expect(schedule).toEqual({
      next_run_at: new Date("2026-07-01T17:00:00Z"),
      last_result: "skipped_quiet_hours",
    });
  });

  it("keeps the calling-hours floor for a line without quiet hours (CALLING_HOURS_FLOOR)", async () => {
    // Rose without quiet hours; her schedule due at 23:30 Los Angeles time, past the 08:00–21:00 floor.
    const lateNight = new Date("2026-07-01T06:30:00Z");
    await testDb.db
      .sql`update ultaura_lines set quiet_hours_start = null, quiet_hours_end = null where id = ${SEED.lines.rose}`;
    await testDb.db
      .sql`update ultaura_schedules set next_run_at = ${lateNight} where id = ${SEED.scheduleRoseDaily}`;
    const { tick, dialled } = scheduler({ CALLING_HOURS_FLOOR: "08:00-21:00" }, () => lateNight);
    expect((await tick()).status).toBe(200);
    expect(dialled).toEqual([]);
    expect(await runs()).toEqual([
      { line_id: SEED.lines.rose, state: "done", result: "skipped_quiet_hours", outcome: "skipped" },
    ]);
  });

  it("paces to TWILIO_MAX_CPS and leaves what it could not dial for the next tick", async () => {
    await insertDueLines(testDb.db.sql, { count: 4, dueAt: new Date(Date.now() - 60_000) });
    const first = scheduler({ TWILIO_MAX_CPS: "1", SCHEDULER_TICK_BUDGET_SECONDS: "0.2" });
    const report = await (await first.tick()).json();
    expect(report).toMatchObject({ schedulesClaimed: 4, outcomes: { placed: 1 }, leftover: 3 });
    expect(first.dialled).toHaveLength(1);

    const next = scheduler();
    expect(await (await next.tick()).json()).toMatchObject({
      schedulesClaimed: 0,
      outcomes: { placed: 3 },
      leftover: 0,
    });
    expect(new Set([...first.dialled, ...next.dialled]).size).toBe(4);
  });
});
