import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";

/**
 * Minutes of the account's current cycle (a trial's cycle is its whole life), from the security-invoker
 * view `ultaura_account_usage` and the minute ledger — both under RLS, so only members get an answer.
 * Days are UTC calendar days of the call's ledger entry.
 */
export async function loadUsage(tx: Tx, accountId: string) {
  const [usage] = await tx<
    {
      plan_id: string;
      cycle_start: Date;
      cycle_end: Date | null;
      minutes_included: number;
      minutes_used: number;
      minutes_remaining: number;
      overage_minutes: number;
    }[]
  >`
    select plan_id, cycle_start, cycle_end, minutes_included, minutes_used, minutes_remaining, overage_minutes
    from public.ultaura_account_usage where account_id = ${accountId}`;
  if (!usage) return refused({ code: "not_found" as const, thing: "account" as const });
  // Both sums at once: postgres.js pipelines a transaction's concurrent queries on its one connection.
  const [perLine, perDay] = await Promise.all([
    tx<{ line_id: string | null; display_name: string | null; minutes: number }[]>`
    select l.line_id, ln.display_name, sum(l.billable_minutes)::int as minutes
    from public.ultaura_minute_ledger l
    left join public.ultaura_lines ln on ln.id = l.line_id
    where l.account_id = ${accountId} and l.cycle_start = ${usage.cycle_start}
    group by l.line_id, ln.display_name
    order by minutes desc, ln.display_name`,
    tx<{ date: string; minutes: number }[]>`
    select to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD') as date, sum(l.billable_minutes)::int as minutes
    from public.ultaura_minute_ledger l
    where l.account_id = ${accountId} and l.cycle_start = ${usage.cycle_start}
    group by 1 order by 1`,
  ]);
  return ok({
    accountId,
    planId: usage.plan_id,
    cycleStart: usage.cycle_start.toISOString(),
    cycleEnd: usage.cycle_end?.toISOString() ?? null,
    minutesIncluded: usage.minutes_included,
    minutesUsed: usage.minutes_used,
    minutesRemaining: usage.minutes_remaining,
    overageMinutes: usage.overage_minutes,
    perLine: perLine.map((row) => ({
      lineId: row.line_id,
      displayName: row.display_name,
      minutes: row.minutes,
    })),
    perDay: perDay.map((row) => ({ date: row.date, minutes: row.minutes })),
  });
}
