import { loadBillingConfig } from "../../_shared/domain/billing/config.ts";
import type { BillingDeps } from "../../_shared/domain/billing/deps.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Database } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { createBillingDeps } from "../../_shared/wiring/billing.ts";
import type { ApiOutcome } from "../refusals.ts";

/**
 * Billing for the family API: built on first use, so a deployment without the Stripe settings still serves
 * everything else (undefined here; `availableBilling` refuses billing requests as `billing_unavailable`).
 */
export function lazyBillingDeps(
  db: Database,
  env: Record<string, string | undefined>,
  log: Logger,
): () => BillingDeps | undefined {
  let deps: BillingDeps | undefined;
  return () => {
    if (deps) return deps;
    try {
      deps = createBillingDeps(db, loadBillingConfig(env), log);
    } catch (error) {
      log.error("billing is not configured", { error: String(error) });
    }
    return deps;
  };
}

/** The billing services, or `billing_unavailable` on a deployment without the Stripe settings. */
export function availableBilling(billing: () => BillingDeps | undefined): ApiOutcome<BillingDeps> {
  const deps = billing();
  return deps ? ok(deps) : refused({ code: "billing_unavailable" });
}
