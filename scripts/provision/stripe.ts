/**
 * The Stripe catalogue the billing code sells from: one product per paid plan and one for minutes, a
 * monthly and an annual price per plan, the per-minute overage price on the Billing Meter. Amounts come
 * from the migrated `ultaura_plans` table (supabase/migrations/0002_plans.sql owns them). Everything is
 * found again by a fixed id or lookup key, so a second run changes nothing; a plan whose price changed
 * gets a new price that takes over the lookup key (Stripe prices are immutable). Prints the
 * `STRIPE_PRICE_*` and `STRIPE_METER_EVENT_NAME` lines for `.env.<env>`.
 */
import type Stripe from "stripe";
import {
  PAID_PLANS,
  type PaidPlanId,
  PRICE_VARIABLES,
} from "../../functions/_shared/domain/billing/prices.ts";
import type { Database } from "../../functions/_shared/platform/db.ts";
import type { ProvisionOutcome } from "./outcome.ts";

type PlanRow = { id: PaidPlanId; name: string; monthly: number; annual: number; overage: number };
type WantedPrice = {
  variable: string;
  lookupKey: string;
  product: string;
  productName: string;
  amount: number;
  interval: "month" | "year";
  metered: boolean;
};

export const MINUTES_PRODUCT = "ultaura_minutes";

export async function wantedPrices(db: Database): Promise<WantedPrice[]> {
  const plans = await db.sql<PlanRow[]>`
    select id, name, monthly_price_cents as monthly, annual_price_cents as annual,
           overage_cents_per_minute as overage
    from public.ultaura_plans where kind = 'paid' order by sort_order`;
  const wanted: WantedPrice[] = [];
  for (const plan of plans) {
    if (!(PAID_PLANS as readonly string[]).includes(plan.id)) throw new Error(`unknown paid plan ${plan.id}`);
    for (const [interval, amount, suffix] of [
      ["month", plan.monthly, "monthly"],
      ["year", plan.annual, "annual"],
    ] as const) {
      wanted.push({
        variable: PRICE_VARIABLES[plan.id][interval],
        lookupKey: `ultaura_${plan.id}_${suffix}`,
        product: `ultaura_${plan.id}`,
        productName: `Ultaura ${plan.name}`,
        amount,
        interval,
        metered: false,
      });
    }
  }
  const overage = new Set(plans.map((plan) => plan.overage));
  if (overage.size !== 1) throw new Error("every paid plan must share one overage price per minute");
  wanted.push({
    variable: "STRIPE_PRICE_OVERAGE",
    lookupKey: "ultaura_overage_minute",
    product: MINUTES_PRODUCT,
    productName: "Ultaura minutes beyond the plan",
    amount: [...overage][0] as number,
    interval: "month",
    metered: true,
  });
  return wanted;
}

export async function provisionStripeCatalogue(
  input: { stripe: Stripe; db: Database; meterEventName: string },
  options: { dryRun: boolean; print: (line: string) => void },
): Promise<ProvisionOutcome & { env: Record<string, string> }> {
  const { stripe, meterEventName } = input;
  const { dryRun, print } = options;
  const actions: string[] = [];
  const act = (action: string) => {
    actions.push(action);
    print(dryRun ? `would ${action}` : action);
  };
  const wanted = await wantedPrices(input.db);

  const meters = await stripe.billing.meters.list({ status: "active" });
  let meterId = meters.data.find((meter) => meter.event_name === meterEventName)?.id;
  if (!meterId) {
    act(`create the billing meter ${meterEventName} (sum of "value" per stripe_customer_id)`);
    if (!dryRun) {
      const meter = await stripe.billing.meters.create({
        display_name: "Ultaura minutes beyond the plan",
        event_name: meterEventName,
        default_aggregation: { formula: "sum" },
        customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
        value_settings: { event_payload_key: "value" },
      });
      meterId = meter.id;
    }
  }

  for (const product of new Map(wanted.map((w) => [w.product, w.productName]))) {
    const exists = await stripe.products.retrieve(product[0]).then(
      () => true,
      (error: { statusCode?: number }) => {
        if (error.statusCode === 404) return false;
        throw error;
      },
    );
    if (!exists) {
      act(`create the product ${product[0]} (${product[1]})`);
      if (!dryRun) await stripe.products.create({ id: product[0], name: product[1] });
    }
  }

  const existing = await stripe.prices.list({ lookup_keys: wanted.map((w) => w.lookupKey), limit: 100 });
  const env: Record<string, string> = {};
  for (const price of wanted) {
    const current = existing.data.find((p) => p.lookup_key === price.lookupKey);
    if (current && current.unit_amount === price.amount && current.recurring?.interval === price.interval) {
      env[price.variable] = current.id;
      continue;
    }
    act(
      `${current ? "replace" : "create"} the price ${price.lookupKey}: ${price.amount} cents a ${price.metered ? "minute, metered" : price.interval}`,
    );
    env[price.variable] = current?.id ?? `<new ${price.lookupKey}>`;
    if (dryRun) continue;
    const created = await stripe.prices.create({
      product: price.product,
      currency: "usd",
      unit_amount: price.amount,
      lookup_key: price.lookupKey,
      transfer_lookup_key: current !== undefined,
      nickname: price.lookupKey,
      recurring: price.metered
        ? { interval: price.interval, usage_type: "metered", meter: meterId as string }
        : { interval: price.interval },
    });
    env[price.variable] = created.id;
  }
  env.STRIPE_METER_EVENT_NAME = meterEventName;
  print("\n# for .env.<env>:");
  for (const [name, value] of Object.entries(env)) print(`${name}=${value}`);
  return { changed: !dryRun && actions.length > 0, actions, env };
}
