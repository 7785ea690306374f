import type { Tx } from "../adapters/db.ts";
import type { MinutesStatus, PlanKind } from "../contracts/bridge.ts";

/**
 * The authoritative minutes status for a live call. The ledger only counts calls that have ended, so a
 * trial's seconds left are its remaining minutes less the time this call has already run. Paid and
 * pay-as-you-go calls run on into billed minutes: no countdown, no cut-off.
 */
export function minutesStatusFrom(
  usage: { planKind: PlanKind; minutesRemaining: number },
  connectedAt: Date | null,
  now: Date,
): MinutesStatus {
  if (usage.planKind !== "trial")
    return { planKind: usage.planKind, secondsRemaining: null, hardCutoff: false };
  const elapsed = connectedAt ? Math.max(0, Math.floor((now.getTime() - connectedAt.getTime()) / 1000)) : 0;
  return {
    planKind: "trial",
    secondsRemaining: Math.max(0, usage.minutesRemaining * 60 - elapsed),
    hardCutoff: true,
  };
}

export async function loadMinutesStatus(
  tx: Tx,
  session: { accountId: string; connectedAt: Date | null },
  now: Date,
): Promise<MinutesStatus> {
  const [usage] = await tx<{ planKind: PlanKind; minutesRemaining: number }[]>`
    select plan_kind as "planKind", minutes_remaining as "minutesRemaining"
    from public.ultaura_account_usage where account_id = ${session.accountId}`;
  if (!usage) throw new Error(`no usage row for account ${session.accountId}`);
  return minutesStatusFrom(usage, session.connectedAt, now);
}
