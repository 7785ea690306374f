import { afterEach, describe, expect, it } from "vitest";
import { createStripeClient } from "../../functions/_shared/platform/stripe-client.ts";
import { simulatorCatalogue } from "../../simulators/stripe/catalogue.ts";
import { type StripeSimulator, startStripeSimulator } from "../../simulators/stripe/server.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { provisionStripeCatalogue } from "./stripe.ts";

const database = useTestDatabase();
let sim: StripeSimulator | undefined;
afterEach(() => sim?.stop());

const SECRET = "sk_test_provision";

describe("provision: the Stripe catalogue", () => {
  it("a dry run creates nothing; a run creates meter, products and prices; a second run changes nothing", async () => {
    sim = await startSimulator();
    const stripe = createStripeClient(SECRET, sim.url);
    const input = { stripe, db: database.db, meterEventName: "ultaura_minutes_provisioned" };
    const lines: string[] = [];
    const dry = await provisionStripeCatalogue(input, { dryRun: true, print: (line) => lines.push(line) });
    expect(dry.changed).toBe(false);
    expect(lines).toContain(
      'would create the billing meter ultaura_minutes_provisioned (sum of "value" per stripe_customer_id)',
    );
    expect(lines).toContain("would create the price ultaura_care_monthly: 1900 cents a month");
    expect(lines).toContain("would create the price ultaura_overage_minute: 15 cents a minute, metered");
    expect((await stripe.prices.list({ lookup_keys: ["ultaura_care_monthly"] })).data).toEqual([]);

    const first = await provisionStripeCatalogue(input, { dryRun: false, print: () => {} });
    expect(first.changed).toBe(true);
    expect(Object.keys(first.env).sort()).toEqual([
      "STRIPE_METER_EVENT_NAME",
      "STRIPE_PRICE_CARE_ANNUAL",
      "STRIPE_PRICE_CARE_MONTHLY",
      "STRIPE_PRICE_COMFORT_ANNUAL",
      "STRIPE_PRICE_COMFORT_MONTHLY",
      "STRIPE_PRICE_FAMILY_ANNUAL",
      "STRIPE_PRICE_FAMILY_MONTHLY",
      "STRIPE_PRICE_OVERAGE",
    ]);
    const listed = await stripe.prices.list({
      lookup_keys: ["ultaura_family_annual", "ultaura_overage_minute"],
    });
    const byKey = Object.fromEntries(listed.data.map((price) => [price.lookup_key, price]));
    expect(byKey.ultaura_family_annual).toMatchObject({
      id: first.env.STRIPE_PRICE_FAMILY_ANNUAL,
      unit_amount: 99000,
    });
    expect(byKey.ultaura_overage_minute?.recurring).toMatchObject({
      usage_type: "metered",
      interval: "month",
    });
    const meters = await stripe.billing.meters.list({ status: "active" });
    const meter = meters.data.find((m) => m.event_name === "ultaura_minutes_provisioned");
    expect(byKey.ultaura_overage_minute?.recurring?.meter).toBe(meter?.id);

    const lines2: string[] = [];
    const second = await provisionStripeCatalogue(input, {
      dryRun: false,
      print: (line) => lines2.push(line),
    });
    expect(second).toMatchObject({ changed: false, actions: [], env: first.env });
    expect(lines2).toContain(`STRIPE_PRICE_CARE_MONTHLY=${first.env.STRIPE_PRICE_CARE_MONTHLY}`);
  });

  it("a plan whose price changed gets a new price that takes over the lookup key", async () => {
    sim = await startSimulator();
    const stripe = createStripeClient(SECRET, sim.url);
    const input = { stripe, db: database.db, meterEventName: "ultaura_minutes_provisioned" };
    const first = await provisionStripeCatalogue(input, { dryRun: false, print: () => {} });
    await database.db.sql`update public.ultaura_plans set monthly_price_cents = 2100 where id = 'care'`;
    try {
      const second = await provisionStripeCatalogue(input, { dryRun: false, print: () => {} });
      expect(second.actions).toEqual(["replace the price ultaura_care_monthly: 2100 cents a month"]);
      expect(second.env.STRIPE_PRICE_CARE_MONTHLY).not.toBe(first.env.STRIPE_PRICE_CARE_MONTHLY);
      const listed = await stripe.prices.list({ lookup_keys: ["ultaura_care_monthly"] });
      expect(listed.data.map((price) => [price.id, price.unit_amount])).toEqual([
        [second.env.STRIPE_PRICE_CARE_MONTHLY, 2100],
      ]);
    } finally {
      await database.db.sql`update public.ultaura_plans set monthly_price_cents = 1900 where id = 'care'`;
    }
  });
});

function startSimulator() {
  return startStripeSimulator({
    port: 0,
    secretKey: SECRET,
    webhookUrl: null,
    webhookSecret: "whsec_provision",
    catalogue: simulatorCatalogue({}),
    log: () => {},
  });
}
