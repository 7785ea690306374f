import type { Logger } from "../../platform/log.ts";
import { inBackground } from "../../platform/runtime/background.ts";
import type { BillingDeps } from "./deps.ts";
import { runBillingTick } from "./run-billing-tick.ts";

export interface BillingBackground {
  /** For the scheduler's tick: stragglers, retries and grace periods. */
  periodic: { name: string; run(now: Date): Promise<void> };
  /** Right after a call's ledger row is written: report its overage without delaying the webhook's answer. */
  afterCallEnded(): void;
}

/**
 * Billing's background work for other functions, given billing's dependencies when the function has them
 * (null: billing is not configured there, so nothing is reported from it).
 */
export function billingBackground(ready: () => BillingDeps | null, log: Logger): BillingBackground {
  const run = async (now?: Date) => {
    const billing = ready();
    if (!billing) return;
    const summary = await runBillingTick(now ? { ...billing, now: () => now } : billing);
    if (summary.reported + summary.retrying + summary.failed + summary.suspended > 0)
      log.info("billing tick", { ...summary });
  };
  return {
    periodic: { name: "billing", run: (now) => run(now) },
    afterCallEnded: () =>
      inBackground(
        run().catch((error) => log.error("overage report after call failed", { error: String(error) })),
      ),
  };
}
