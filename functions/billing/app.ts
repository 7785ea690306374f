import { loadBillingConfig } from "../_shared/domain/billing/config.ts";
import type { BillingDeps } from "../_shared/domain/billing/deps.ts";
import { createFunctionApp } from "../_shared/platform/http/app.ts";
import { dependencyChecks } from "../_shared/platform/http/dependency-checks.ts";
import { databaseCheck, healthHandler } from "../_shared/platform/http/health.ts";
import type { FunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createBillingDeps } from "../_shared/wiring/billing.ts";
import { handleStripeWebhook } from "./webhook.ts";

export interface BillingAppOptions {
  /** Replaces the billing services built from the environment (tests inject a clock). */
  billing?: BillingDeps;
}

/** Stripe's webhook endpoint. Checkout and the portal are reached through functions/api (owner only). */
export function createBillingApp({ db, log, env }: FunctionDeps, options: BillingAppOptions = {}) {
  const billing = options.billing ?? createBillingDeps(db, loadBillingConfig(env), log);
  // Stripe's events are a few kilobytes; the shell's 64 KiB limit would refuse a large invoice's payload.
  const app = createFunctionApp({ name: "billing", log, maxBodyBytes: 512 * 1024 });
  app.get(
    "/health",
    healthHandler("billing", { database: databaseCheck(db.ping), ...dependencyChecks(env) }),
  );

  app.post("/webhook", async (c) => {
    // The raw body, exactly as sent: the signature covers these bytes, not a re-serialised JSON.
    const raw = await c.req.text();
    const outcome = await handleStripeWebhook(
      { ...billing, log: c.var.log },
      raw,
      c.req.header("stripe-signature"),
    );
    c.var.log.info("stripe webhook", { ...outcome });
    return c.json({ received: true, outcome: outcome.kind });
  });

  return app;
}
