import type { Database } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import type { Logger } from "../../platform/log.ts";
import { createStripeClient, type StripeClient } from "../../platform/stripe-client.ts";
import { type BillingConfig, loadBillingConfig } from "./config.ts";

/** What billing's domain code works with; functions/billing and functions/api build it from the environment. */
export interface BillingDeps {
  db: Database;
  stripe: StripeClient;
  config: BillingConfig;
  log: Logger;
  now: () => Date;
}

export function createBillingDeps(
  db: Database,
  config: BillingConfig,
  log: Logger,
  now: () => Date = () => new Date(),
): BillingDeps {
  return { db, stripe: createStripeClient(config.secretKey, config.apiBaseUrl), config, log, now };
}

/**
 * Billing for another function (functions/api): built on first use, so a deployment without the Stripe
 * settings still serves everything else and answers billing requests with 503.
 */
export function lazyBillingDeps(
  db: Database,
  env: Record<string, string | undefined>,
  log: Logger,
): () => BillingDeps {
  let deps: BillingDeps | undefined;
  return () => {
    if (deps) return deps;
    try {
      deps = createBillingDeps(db, loadBillingConfig(env), log);
    } catch (error) {
      log.error("billing is not configured", { error: String(error) });
      throw new AppError(
        503,
        "billing_unavailable",
        "Billing is not available right now. Please try again later.",
      );
    }
    return deps;
  };
}
