import type { PlanKind } from "../../contracts/bridge.ts";
import type { Tx } from "../../platform/db.ts";

/** An account's minutes in its current cycle, as the ledger has them (ended calls only). */
export interface CycleMinutes {
  planKind: PlanKind;
  minutesIncluded: number;
  /** A trial's also counts what its lines' numbers used on any account (0036): one trial per number. */
  minutesUsed: number;
  overageMinutesUsed: number;
  overageCentsPerMinute: number;
  spendingCapCents: number | null;
}

/** How long an account may still talk, before counting the calls live right now. */
export type Allowance =
  | { limited: false }
  | { limited: true; reason: "trial" | "spending_cap"; seconds: number };

/**
 * A trial's allowance is its remaining minutes. A capped paid account may use what is left of its included
 * minutes plus the overage minutes the cap still pays for (pay-as-you-go: every minute is overage). Without
 * a cap a paid call runs on into billed overage.
 */
export function allowanceFrom(m: CycleMinutes): Allowance {
  if (m.planKind === "trial")
    return { limited: true, reason: "trial", seconds: Math.max(0, m.minutesIncluded - m.minutesUsed) * 60 };
  if (m.spendingCapCents === null || m.overageCentsPerMinute <= 0) return { limited: false };
  const includedLeft = m.planKind === "paid" ? Math.max(0, m.minutesIncluded - m.minutesUsed) : 0;
  const capMinutes = Math.floor(m.spendingCapCents / m.overageCentsPerMinute);
  const overageLeft = Math.max(0, capMinutes - m.overageMinutesUsed);
  return { limited: true, reason: "spending_cap", seconds: (includedLeft + overageLeft) * 60 };
}

/**
 * What an unattested caller may use: only the minutes the plan already includes (a trial's remainder, a paid
 * plan's included minutes left; pay-as-you-go includes none). A spoofed caller ID must never run up overage.
 */
export function includedAllowanceFrom(m: CycleMinutes): number {
  if (m.planKind === "payg") return 0;
  const left = Math.max(0, m.minutesIncluded - m.minutesUsed) * 60;
  const full = allowanceFrom(m);
  return full.limited ? Math.min(full.seconds, left) : left;
}

/**
 * Seconds this call may still run. Every live call on the account draws on the same remainder, and each
 * bridge counts down one second per second, so what is left after their elapsed time is shared evenly
 * between them: two calls on a trial's last minute get about thirty seconds each, not a minute each.
 * `thisCallLive` says whether `liveElapsedSeconds` already includes this call (it does once connected).
 */
export function secondsForCall(
  allowanceSeconds: number,
  liveElapsedSeconds: number[],
  thisCallLive: boolean,
): number {
  const drained = liveElapsedSeconds.reduce((sum, s) => sum + Math.max(0, s), 0);
  const left = Math.max(0, allowanceSeconds - drained);
  const sharers = Math.max(1, liveElapsedSeconds.length + (thisCallLive ? 0 : 1));
  return Math.floor(left / sharers);
}

/** A call that never reported its end stops counting after this long (a lost call must not block an account). */
const LIVE_CALL_HORIZON_HOURS = 4;

export async function loadCycleMinutes(tx: Tx, accountId: string): Promise<CycleMinutes> {
  const [row] = await tx<CycleMinutes[]>`
    select p.kind as "planKind", a.minutes_included as "minutesIncluded",
      case when p.kind = 'trial'
        then greatest(coalesce(sum(l.billable_minutes), 0), public.ultaura_trial_minutes_on_numbers(a.id))
        else coalesce(sum(l.billable_minutes), 0)
      end::integer as "minutesUsed",
      coalesce(sum(l.overage_minutes), 0)::integer as "overageMinutesUsed",
      p.overage_cents_per_minute as "overageCentsPerMinute",
      a.spending_cap_cents as "spendingCapCents"
    from public.ultaura_accounts a
    join public.ultaura_plans p on p.id = a.plan_id
    left join public.ultaura_minute_ledger l on l.account_id = a.id and l.cycle_start = a.cycle_start
    where a.id = ${accountId}
    group by a.id, p.kind, a.minutes_included, p.overage_cents_per_minute, a.spending_cap_cents`;
  if (!row) throw new Error(`no account ${accountId}`);
  return row;
}

/** Calls connected on the account and not yet ended (by Twilio or by the Worker's end report), by id. */
export async function loadLiveCalls(tx: Tx, accountId: string, now: Date): Promise<Map<string, number>> {
  const rows = await tx<{ id: string; elapsed: number }[]>`
    select s.id, greatest(0, floor(extract(epoch from (${now}::timestamptz - coalesce(s.answered_at, s.started_at)))))::integer as elapsed
    from public.ultaura_call_sessions s
    where s.account_id = ${accountId}
      and coalesce(s.answered_at, s.started_at) is not null
      and coalesce(s.answered_at, s.started_at) > ${now}::timestamptz - make_interval(hours => ${LIVE_CALL_HORIZON_HOURS})
      and not public.ultaura_call_session_over(s)`;
  return new Map(rows.map((r) => [r.id, r.elapsed]));
}

/** Seconds an account may still start a call with, after the live calls' share: 0 means refuse. Null: no limit. */
export async function secondsToStartCall(tx: Tx, accountId: string, now: Date): Promise<number | null> {
  const allowance = allowanceFrom(await loadCycleMinutes(tx, accountId));
  if (!allowance.limited) return null;
  const live = await loadLiveCalls(tx, accountId, now);
  return secondsForCall(allowance.seconds, [...live.values()], false);
}
