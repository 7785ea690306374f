import type { Database } from "../../platform/db.ts";
import type { Logger } from "../../platform/log.ts";
import { inBackground } from "../../platform/runtime/background.ts";
import { loadBillingConfig } from "./config.ts";
import { type BillingDeps, createBillingDeps } from "./deps.ts";
import { runBillingTick } from "./run-billing-tick.ts";

export interface BillingBackground {
  /** For the scheduler's tick: stragglers, retries and grace periods. */
  periodic: { name: string; run(now: Date): Promise<void> };
  /** Right after a call's ledger row is written: report its overage without delaying the webhook's answer. */
  afterCallEnded(): void;
}

/**
 * Billing's background work for other functions. The billing settings are read on first use; a function
 * deployed without them logs once and skips billing rather than failing its own requests.
 */
export function billingBackground(
  db: Database,
  env: Record<string, string | undefined>,
  log: Logger,
): BillingBackground {
  let deps: BillingDeps | null | undefined;
  const ready = (): BillingDeps | null => {
    if (deps !== undefined) return deps;
    try {
      deps = createBillingDeps(db, loadBillingConfig(env), log);
    } catch (error) {
      log.warn("billing is not configured: overage is not reported from here", { error: String(error) });
      deps = null;
    }
    return deps;
  };
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
