import type { MinutesStatus } from "../../_shared/contracts/bridge.ts";
import {
  allowanceFrom,
  includedAllowanceFrom,
  loadCycleMinutes,
  loadLiveCalls,
  secondsForCall,
} from "../../_shared/domain/billing/allowance.ts";
import type { Tx } from "../../_shared/platform/db.ts";

export interface MinutesSession {
  id?: string;
  accountId: string;
  connectedAt: Date | null;
  /** Absent counts as trusted (a call we placed or an A-attested one). */
  callerTrusted?: boolean;
}

/**
 * The authoritative minutes status for a live call. Trials and accounts with a spending cap cannot be
 * overdrawn: seconds left = the allowance − the ledger − the elapsed time of every call live on the account
 * now, shared between those calls (see _shared/domain/billing/allowance.ts). Other paid and pay-as-you-go calls run on into
 * billed minutes: no countdown, no cut-off. An unattested caller's call always counts down: to the plan's
 * included minutes only (never overage), and to at most `unattestedMaxSeconds` of talk.
 */
export async function loadMinutesStatus(
  tx: Tx,
  session: MinutesSession,
  now: Date,
  unattestedMaxSeconds: number,
): Promise<MinutesStatus> {
  const cycle = await loadCycleMinutes(tx, session.accountId);
  const allowance = allowanceFrom(cycle);
  const unattested = session.callerTrusted === false;
  if (!allowance.limited && !unattested)
    return { planKind: cycle.planKind, secondsRemaining: null, hardCutoff: false };
  const allowanceSeconds = unattested
    ? includedAllowanceFrom(cycle)
    : allowance.limited
      ? allowance.seconds
      : 0;
  const live = await loadLiveCalls(tx, session.accountId, now);
  const thisCallLive = session.id !== undefined && live.has(session.id);
  const elapsed = [...live.values()];
  const ownElapsed = thisCallLive
    ? (live.get(session.id as string) ?? 0)
    : session.connectedAt
      ? Math.max(0, Math.floor((now.getTime() - session.connectedAt.getTime()) / 1000))
      : 0;
  if (!thisCallLive && session.connectedAt) {
    // Connected but not (yet) seen as live by the query, e.g. a session id not passed: count its time too.
    elapsed.push(ownElapsed);
  }
  const shared = secondsForCall(allowanceSeconds, elapsed, thisCallLive || session.connectedAt !== null);
  return {
    planKind: cycle.planKind,
    secondsRemaining: unattested ? Math.min(shared, Math.max(0, unattestedMaxSeconds - ownElapsed)) : shared,
    hardCutoff: true,
  };
}
