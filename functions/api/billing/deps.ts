import { loadBillingConfig } from "../../_shared/domain/billing/config.ts";
import type { BillingDeps } from "../../_shared/domain/billing/deps.ts";
import type { Database } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { createBillingDeps } from "../../_shared/wiring/billing.ts";
import { refuse } from "../refusals.ts";

/**
 * Billing for the family API: built on first use, so a deployment without the Stripe settings still serves
 * everything else and refuses billing requests as `billing_unavailable`.
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
      refuse({ code: "billing_unavailable" });
    }
    return deps;
  };
}
