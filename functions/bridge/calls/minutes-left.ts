import type { MinutesStatus } from "../../_shared/contracts/bridge.ts";
import {
  allowanceFrom,
  loadCycleMinutes,
  loadLiveCalls,
  secondsForCall,
} from "../../_shared/domain/billing/allowance.ts";
import type { Tx } from "../../_shared/platform/db.ts";

/**
 * The authoritative minutes status for a live call. Trials and accounts with a spending cap cannot be
 * overdrawn: seconds left = the allowance − the ledger − the elapsed time of every call live on the account
 * now, shared between those calls (see _shared/domain/billing/allowance.ts). Other paid and pay-as-you-go calls run on into
 * billed minutes: no countdown, no cut-off.
 */
export async function loadMinutesStatus(
  tx: Tx,
  session: { id?: string; accountId: string; connectedAt: Date | null },
  now: Date,
): Promise<MinutesStatus> {
  const cycle = await loadCycleMinutes(tx, session.accountId);
  const allowance = allowanceFrom(cycle);
  if (!allowance.limited) return { planKind: cycle.planKind, secondsRemaining: null, hardCutoff: false };
  const live = await loadLiveCalls(tx, session.accountId, now);
  const thisCallLive = session.id !== undefined && live.has(session.id);
  const elapsed = [...live.values()];
  if (!thisCallLive && session.connectedAt) {
    // Connected but not (yet) seen as live by the query, e.g. a session id not passed: count its time too.
    elapsed.push(Math.max(0, Math.floor((now.getTime() - session.connectedAt.getTime()) / 1000)));
  }
  return {
    planKind: cycle.planKind,
    secondsRemaining: secondsForCall(
      allowance.seconds,
      elapsed,
      thisCallLive || session.connectedAt !== null,
    ),
    hardCutoff: true,
  };
}
