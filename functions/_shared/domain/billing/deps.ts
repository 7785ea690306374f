import type { Database } from "../../platform/db.ts";
import type { Logger } from "../../platform/log.ts";
import { createStripeClient, type StripeClient } from "../../platform/stripe-client.ts";
import type { BillingConfig } from "./config.ts";

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
