import {
  type BillingInterval,
  PAID_PLANS,
  type PaidPlanId,
  type PriceCatalogue,
  priceCatalogue,
  priceEnvSchema,
} from "../../functions/_shared/domain/billing/prices.ts";
import type { Meter, Price } from "./objects.ts";

/**
 * Monthly and annual fees in cents. A stand-in for Stripe keeps its own prices, as Stripe's account does:
 * the simulator runs without the database, and reading the fees from ultaura_plans would make the check
 * that both agree (functions/api/billing.db.test.ts, "/api/plans") pass whatever either says.
 */
const FEES: Record<PaidPlanId, { month: number; year: number }> = {
  care: { month: 1900, year: 19000 },
  comfort: { month: 4900, year: 49000 },
  family: { month: 9900, year: 99000 },
};
const OVERAGE_CENTS = 15;

/** The local price ids and meter event name, the same defaults as .env.example. */
export const LOCAL_PRICE_ENV = {
  STRIPE_PRICE_CARE_MONTHLY: "price_local_care_monthly",
  STRIPE_PRICE_CARE_ANNUAL: "price_local_care_annual",
  STRIPE_PRICE_COMFORT_MONTHLY: "price_local_comfort_monthly",
  STRIPE_PRICE_COMFORT_ANNUAL: "price_local_comfort_annual",
  STRIPE_PRICE_FAMILY_MONTHLY: "price_local_family_monthly",
  STRIPE_PRICE_FAMILY_ANNUAL: "price_local_family_annual",
  STRIPE_PRICE_OVERAGE: "price_local_overage_minute",
  STRIPE_METER_EVENT_NAME: "ultaura_minutes",
};

/** Price ids from the environment where set, else the local defaults. */
export function simulatorCatalogue(env: Record<string, string | undefined>): PriceCatalogue {
  const merged = Object.fromEntries(
    Object.entries(LOCAL_PRICE_ENV).map(([key, fallback]) => [key, env[key] || fallback]),
  );
  return priceCatalogue(priceEnvSchema.parse(merged));
}

export const METER_ID = "mtr_local_ultaura_minutes";

export function catalogueObjects(catalogue: PriceCatalogue, now: number): { prices: Price[]; meter: Meter } {
  const licensed = (id: string, plan: PaidPlanId, interval: BillingInterval): Price => ({
    id,
    object: "price",
    active: true,
    currency: "usd",
    unit_amount: FEES[plan][interval],
    product: `prod_local_${plan}`,
    recurring: { interval, interval_count: 1, usage_type: "licensed", meter: null },
  });
  const prices = PAID_PLANS.flatMap((plan) => [
    licensed(catalogue.plans[plan].month, plan, "month"),
    licensed(catalogue.plans[plan].year, plan, "year"),
  ]);
  prices.push({
    id: catalogue.overage,
    object: "price",
    active: true,
    currency: "usd",
    unit_amount: OVERAGE_CENTS,
    product: "prod_local_minutes",
    recurring: { interval: "month", interval_count: 1, usage_type: "metered", meter: METER_ID },
  });
  const meter: Meter = {
    id: METER_ID,
    object: "billing.meter",
    event_name: catalogue.meterEventName,
    display_name: "Ultaura minutes beyond the plan",
    status: "active",
    default_aggregation: { formula: "sum" },
    customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
    value_settings: { event_payload_key: "value" },
    event_time_window: null,
    status_transitions: { deactivated_at: null },
    created: now,
    updated: now,
    livemode: false,
  };
  return { prices, meter };
}
