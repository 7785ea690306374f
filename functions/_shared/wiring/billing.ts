import { type BillingConfig, loadBillingConfig } from "../domain/billing/config.ts";
import type { BillingDeps } from "../domain/billing/deps.ts";
import type { Database } from "../platform/db.ts";
import type { Logger } from "../platform/log.ts";
import { createStripeClient } from "../platform/stripe-client.ts";

/** Billing's dependencies: the Stripe client built from billing's settings. */
export function createBillingDeps(
  db: Database,
  config: BillingConfig,
  log: Logger,
  now: () => Date = () => new Date(),
): BillingDeps {
  return { db, stripe: createStripeClient(config.secretKey, config.apiBaseUrl), config, log, now };
}

/**
 * Billing for a function that only does billing's background work (twilio, scheduler): the settings are read
 * on first use; a function deployed without them logs once and gets null, rather than failing its own requests.
 */
export function billingWhenConfigured(
  db: Database,
  env: Record<string, string | undefined>,
  log: Logger,
): (warnTo?: Logger) => BillingDeps | null {
  let deps: BillingDeps | null | undefined;
  return (warnTo = log) => {
    if (deps !== undefined) return deps;
    try {
      deps = createBillingDeps(db, loadBillingConfig(env), log);
    } catch (error) {
      warnTo.warn("billing is not configured: overage is not reported from here", { error: String(error) });
      deps = null;
    }
    return deps;
  };
}
