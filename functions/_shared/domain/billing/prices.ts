import { z } from "zod";

/**
 * Which Stripe price sells which plan. Price ids come from the environment (the provisioning script
 * prints them; locally the Stripe simulator knows the defaults in .env.example). Every subscription also
 * carries the metered overage price, tied to the Billing Meter named by STRIPE_METER_EVENT_NAME; a
 * subscription with the metered price alone is pay-as-you-go.
 */
export const PAID_PLANS = ["care", "comfort", "family"] as const;
export type PaidPlanId = (typeof PAID_PLANS)[number];
/** What a checkout may sell: a paid plan, or pay-as-you-go (the metered price alone). */
export const checkoutPlanId = z.enum([...PAID_PLANS, "payg"]);
export type CheckoutPlanId = z.infer<typeof checkoutPlanId>;
export const billingInterval = z.enum(["month", "year"]);
export type BillingInterval = z.infer<typeof billingInterval>;

/** The environment variable holding each plan's licensed price id, per interval. */
export const PRICE_VARIABLES: Record<PaidPlanId, Record<BillingInterval, string>> = {
  care: { month: "STRIPE_PRICE_CARE_MONTHLY", year: "STRIPE_PRICE_CARE_ANNUAL" },
  comfort: { month: "STRIPE_PRICE_COMFORT_MONTHLY", year: "STRIPE_PRICE_COMFORT_ANNUAL" },
  family: { month: "STRIPE_PRICE_FAMILY_MONTHLY", year: "STRIPE_PRICE_FAMILY_ANNUAL" },
};

const priceId = z.string().regex(/^price_[A-Za-z0-9_]+$/, "a Stripe price id (price_…)");

export interface PriceCatalogue {
  plans: Record<PaidPlanId, Record<BillingInterval, string>>;
  /** The metered per-minute price (overage and pay-as-you-go). */
  overage: string;
  meterEventName: string;
}

export const priceEnvSchema = z.object({
  STRIPE_PRICE_CARE_MONTHLY: priceId,
  STRIPE_PRICE_CARE_ANNUAL: priceId,
  STRIPE_PRICE_COMFORT_MONTHLY: priceId,
  STRIPE_PRICE_COMFORT_ANNUAL: priceId,
  STRIPE_PRICE_FAMILY_MONTHLY: priceId,
  STRIPE_PRICE_FAMILY_ANNUAL: priceId,
  STRIPE_PRICE_OVERAGE: priceId,
  STRIPE_METER_EVENT_NAME: z.string().regex(/^[a-z0-9_]{1,100}$/, "lower-case letters, digits, underscores"),
});

export function priceCatalogue(env: z.infer<typeof priceEnvSchema>): PriceCatalogue {
  const plans = Object.fromEntries(
    PAID_PLANS.map((plan) => [
      plan,
      {
        month: env[PRICE_VARIABLES[plan].month as keyof typeof env],
        year: env[PRICE_VARIABLES[plan].year as keyof typeof env],
      },
    ]),
  ) as PriceCatalogue["plans"];
  return { plans, overage: env.STRIPE_PRICE_OVERAGE, meterEventName: env.STRIPE_METER_EVENT_NAME };
}

/** The plan and interval a price sells, or null for the overage price or an unknown one. */
export function planOfPrice(
  catalogue: PriceCatalogue,
  price: string,
): { plan: PaidPlanId; interval: BillingInterval } | null {
  for (const plan of PAID_PLANS) {
    for (const interval of billingInterval.options) {
      if (catalogue.plans[plan][interval] === price) return { plan, interval };
    }
  }
  return null;
}

/** Line items of a checkout: the plan's price (quantity 1) and the metered price (no quantity). */
export function checkoutLineItems(
  catalogue: PriceCatalogue,
  plan: CheckoutPlanId,
  interval: BillingInterval,
): { price: string; quantity?: number }[] {
  const metered = { price: catalogue.overage };
  if (plan === "payg") return [metered];
  return [{ price: catalogue.plans[plan][interval], quantity: 1 }, metered];
}
