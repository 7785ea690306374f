import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../../tests/support/database.ts";
import { secondsToStartCall } from "../../_shared/domain/billing/allowance.ts";
import { loadMinutesStatus } from "./minutes-left.ts";

const testDb = useTestDatabase();
const t0 = new Date("2026-11-20T15:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeEach(() => testDb.resetData());

async function liveCall(accountId: string, lineId: string, connectedAt: Date): Promise<string> {
  const [row] = await testDb.db.sql<{ id: string }[]>`
    insert into ultaura_call_sessions (account_id, line_id, direction, status, started_at, created_at)
    values (${accountId}, ${lineId}, 'inbound', 'in_progress', ${connectedAt}, ${connectedAt}) returning id`;
  return row?.id as string;
}

const statusOf = (id: string, accountId: string, connectedAt: Date | null, now: Date) =>
  testDb.db.asService((tx) => loadMinutesStatus(tx, { id, accountId, connectedAt }, now, 600));

describe("minutes that cannot be overdrawn", () => {
  it("two simultaneous trial calls with 1 minute left share it: both end within about a minute in total", async () => {
    // The low-minutes trial has 19 of its 20 minutes used.
    const a = await liveCall(SEED.accounts.low, SEED.lines.low, t0);
    const b = await liveCall(SEED.accounts.low, SEED.lines.low, t0);
    const first = await statusOf(a, SEED.accounts.low, t0, t0);
    const second = await statusOf(b, SEED.accounts.low, t0, t0);
    expect(first).toEqual({ planKind: "trial", secondsRemaining: 30, hardCutoff: true });
    expect(second.secondsRemaining).toBe(30);
    // Each bridge's deadline is its start plus the figure it was told: together they talk one minute.
    expect((first.secondsRemaining ?? 0) + (second.secondsRemaining ?? 0)).toBe(60);

    // A re-check half-way keeps the same deadline; at the deadline both are at zero.
    expect((await statusOf(a, SEED.accounts.low, t0, at(15))).secondsRemaining).toBe(15);
    expect((await statusOf(b, SEED.accounts.low, t0, at(30))).secondsRemaining).toBe(0);
    // A third call while they run gets nothing to start with.
    expect(await testDb.db.asService((tx) => secondsToStartCall(tx, SEED.accounts.low, at(30)))).toBe(0);
  });

  it("a call that ended no longer draws on the remainder", async () => {
    const a = await liveCall(SEED.accounts.low, SEED.lines.low, t0);
    const b = await liveCall(SEED.accounts.low, SEED.lines.low, t0);
    await testDb.db
      .sql`update ultaura_call_sessions set status = 'completed', ended_at = ${at(10)} where id = ${b}`;
    // The ended call's 10 seconds are not in the ledger in this test, so only the live call counts.
    expect((await statusOf(a, SEED.accounts.low, t0, at(10))).secondsRemaining).toBe(50);
  });

  it("a call being prepared (not yet connected) gets its share of what the live calls leave", async () => {
    await liveCall(SEED.accounts.low, SEED.lines.low, t0);
    const [pending] = await testDb.db.sql<{ id: string }[]>`
      insert into ultaura_call_sessions (account_id, line_id, direction, status)
      values (${SEED.accounts.low}, ${SEED.lines.low}, 'inbound', 'ringing') returning id`;
    expect((await statusOf(pending?.id as string, SEED.accounts.low, null, at(20))).secondsRemaining).toBe(
      20,
    );
  });

  it("a paid account without a cap runs on; with a cap it counts down to the cap", async () => {
    const call = await liveCall(SEED.accounts.paid, SEED.lines.paid, t0);
    expect(await statusOf(call, SEED.accounts.paid, t0, at(60))).toEqual({
      planKind: "paid",
      secondsRemaining: null,
      hardCutoff: false,
    });
    await testDb.db
      .sql`update ultaura_accounts set spending_cap_cents = 1000 where id = ${SEED.accounts.paid}`;
    // 5 included minutes left + 66 overage minutes for $10 at 15 cents, less the minute already talked.
    expect(await statusOf(call, SEED.accounts.paid, t0, at(60))).toEqual({
      planKind: "paid",
      secondsRemaining: (5 + 66) * 60 - 60,
      hardCutoff: true,
    });
  });

  it("an account at its spending cap has nothing left to start a call with", async () => {
    await testDb.db
      .sql`update ultaura_accounts set spending_cap_cents = 1000 where id = ${SEED.accounts.paid}`;
    expect(await testDb.db.asService((tx) => secondsToStartCall(tx, SEED.accounts.paid, t0))).toBe(71 * 60);
    const call = await liveCall(SEED.accounts.paid, SEED.lines.paid, t0);
    await testDb.db.asService(
      (tx) => tx`
        insert into ultaura_minute_ledger
          (account_id, line_id, call_session_id, seconds_connected, billable_minutes, overage_minutes, billable_type,
           cycle_start, stripe_report_status)
        select id, ${SEED.lines.paid}, ${call}, 4260, 71, 66, 'overage', cycle_start, 'pending'
        from ultaura_accounts where id = ${SEED.accounts.paid}`,
    );
    await testDb.db
      .sql`update ultaura_call_sessions set status = 'completed', ended_at = now() where id = ${call}`;
    expect(await testDb.db.asService((tx) => secondsToStartCall(tx, SEED.accounts.paid, t0))).toBe(0);
    const notices = await testDb.db.sql`
      select kind from ultaura_billing_notices where account_id = ${SEED.accounts.paid} order by kind`;
    expect(notices.map((n) => n.kind)).toEqual(["included_minutes_used", "spending_cap_reached"]);
  });
});
