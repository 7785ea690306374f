import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";

/** The spending caps an owner may choose, in cents (null: no cap). */
export const SPENDING_CAPS = [1000, 2500, 5000, 10000] as const;
export type SpendingCap = (typeof SPENDING_CAPS)[number] | null;

export interface BillingSummary {
  spendingCapCents: number | null;
  overageMinutes: number;
  overageCents: number;
  notices: { kind: string; cycleStart: string; details: Record<string, unknown>; createdAt: string }[];
}

/** What a member sees of the account's billing: its cap, this cycle's overage, and the notices, newest first. */
export async function loadBillingSummary(tx: Tx, accountId: string): Promise<ApiOutcome<BillingSummary>> {
  const [account] = await tx<{ spending_cap_cents: number | null; overage_minutes: number; rate: number }[]>`
    select a.spending_cap_cents, u.overage_minutes, p.overage_cents_per_minute as rate
    from public.ultaura_accounts a
    join public.ultaura_plans p on p.id = a.plan_id
    join public.ultaura_account_usage u on u.account_id = a.id
    where a.id = ${accountId}`;
  if (!account) return refused({ code: "not_found", thing: "account" });
  const notices = await tx<
    { kind: string; cycle_start: Date; details: Record<string, unknown>; created_at: Date }[]
  >`
    select kind, cycle_start, details, created_at from public.ultaura_billing_notices
    where account_id = ${accountId} order by created_at desc limit 50`;
  return ok({
    spendingCapCents: account.spending_cap_cents,
    overageMinutes: account.overage_minutes,
    overageCents: account.overage_minutes * account.rate,
    notices: notices.map((n) => ({
      kind: n.kind,
      cycleStart: n.cycle_start.toISOString(),
      details: n.details,
      createdAt: n.created_at.toISOString(),
    })),
  });
}

/**
 * Owners only: callers check the role first (`asOwner`, a 403); the database function refuses anyone
 * else as well (42501), as a last line.
 */
export async function setSpendingCap(tx: Tx, accountId: string, cap: SpendingCap): Promise<void> {
  await tx`select public.ultaura_set_spending_cap(${accountId}, ${cap})`;
}

/** After a downgrade: the owner's choice of lines to pause; returns the lines still active. */
export async function pauseLines(tx: Tx, accountId: string, lineIds: string[]): Promise<number> {
  const [row] = await tx<{ active: number }[]>`
    select public.ultaura_pause_lines(${accountId}, ${lineIds}::uuid[]) as active`;
  return row?.active ?? 0;
}
