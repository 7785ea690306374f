import type { Database } from "../../platform/db.ts";
import type { Logger } from "../../platform/log.ts";
import type { StripeClient } from "../../platform/stripe-client.ts";
import type { BillingConfig } from "./config.ts";

/** What billing's domain code works with; functions build it from the environment with `wiring/billing.ts`. */
export interface BillingDeps {
  db: Database;
  stripe: StripeClient;
  config: BillingConfig;
  log: Logger;
  now: () => Date;
}
