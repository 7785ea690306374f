import type { Logger } from "../../platform/log.ts";
import { inBackground } from "../../platform/runtime/background.ts";
import type { BillingDeps } from "./deps.ts";
import { runBillingTick } from "./run-billing-tick.ts";

export interface BillingBackground {
  /** For the scheduler's tick: stragglers, retries and grace periods. */
  periodic: { name: string; run(now: Date): Promise<void> };
  /**
   * Right after a call's ledger row is written: report its overage without delaying the webhook's answer.
   * `requestLog` is the request's logger, so its lines carry the request id.
   */
  afterCallEnded(requestLog?: Logger): void;
}

/**
 * Billing's background work for other functions, given billing's dependencies when the function has them
 * (null: billing is not configured there, so nothing is reported from it).
 */
export function billingBackground(
  ready: (warnTo: Logger) => BillingDeps | null,
  log: Logger,
): BillingBackground {
  const run = async (now?: Date, runLog: Logger = log) => {
    const billing = ready(runLog);
    if (!billing) return;
    const summary = await runBillingTick(now ? { ...billing, now: () => now } : billing);
    if (summary.reported + summary.retrying + summary.failed + summary.suspended > 0)
      runLog.info("billing tick", { ...summary });
  };
  return {
    periodic: { name: "billing", run: (now) => run(now) },
    afterCallEnded: (requestLog = log) =>
      inBackground(
        run(undefined, requestLog).catch((error) =>
          requestLog.error("overage report after call failed", { error: String(error) }),
        ),
      ),
  };
}
