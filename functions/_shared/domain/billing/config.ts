import { z } from "zod";
import { httpUrl } from "../../contracts/config-fields.ts";
import { loadConfig } from "../../platform/config/load.ts";
import { type PriceCatalogue, priceCatalogue, priceEnvSchema } from "./prices.ts";

const schema = priceEnvSchema.extend({
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "a Stripe secret key (sk_test_… / sk_live_…)"),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, "a webhook signing secret (whsec_…)"),
  STRIPE_API_BASE_URL: httpUrl,
  /** Where checkout and the billing portal send the owner back. */
  WEB_APP_URL: httpUrl,
});

export interface BillingConfig {
  secretKey: string;
  webhookSecret: string;
  apiBaseUrl: string;
  webAppUrl: string;
  catalogue: PriceCatalogue;
}

/** Billing's settings, validated once; the error names every missing variable (never a value). */
export function loadBillingConfig(env: Record<string, string | undefined>): BillingConfig {
  const config = loadConfig(schema, env);
  return {
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    apiBaseUrl: config.STRIPE_API_BASE_URL,
    webAppUrl: config.WEB_APP_URL.replace(/\/+$/, ""),
    catalogue: priceCatalogue(config),
  };
}
