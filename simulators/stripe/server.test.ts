import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient } from "../../functions/_shared/platform/stripe-client.ts";
import { simulatorCatalogue } from "./catalogue.ts";
import { type StripeSimulator, startStripeSimulator } from "./server.ts";

const catalogue = simulatorCatalogue({});
let sim: StripeSimulator;

beforeAll(async () => {
  sim = await startStripeSimulator({
    port: 0,
    catalogue,
    webhookUrl: null,
    webhookSecret: "whsec_test",
    secretKey: "sk_test_sim",
    log: () => {},
    seed: [
      {
        accountId: "acc-1",
        customerId: "cus_seed",
        subscriptionId: "sub_seed",
        price: catalogue.plans.care.month,
        periodStart: 1_700_000_000,
      },
    ],
  });
});
afterAll(() => sim.stop());

describe("Stripe simulator through stripe-node", () => {
  it("refuses a wrong secret key", async () => {
    const stripe = createStripeClient("sk_test_wrong", sim.url);
    await expect(stripe.customers.create({})).rejects.toMatchObject({ type: "StripeAuthenticationError" });
  });

  it("runs a checkout: session, hosted page, subscription with item periods", async () => {
    const stripe = createStripeClient("sk_test_sim", sim.url);
    const customer = await stripe.customers.create({ metadata: { account_id: "acc-2" } });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      client_reference_id: "acc-2",
      line_items: [{ price: catalogue.plans.comfort.year, quantity: 1 }, { price: catalogue.overage }],
      success_url: "http://web.test/billing?session={CHECKOUT_SESSION_ID}",
      cancel_url: "http://web.test/billing",
      subscription_data: { metadata: { account_id: "acc-2" } },
    });
    expect(session.url).toBe(`${sim.url}/checkout/${session.id}`);
    expect((await fetch(session.url as string)).status).toBe(200);

    const declined = await fetch(session.url as string, {
      method: "POST",
      body: new URLSearchParams({ card: "4000 0000 0000 0002" }),
    });
    expect(declined.status).toBe(402);
    const paid = await fetch(session.url as string, {
      method: "POST",
      body: new URLSearchParams({ card: "4242 4242 4242 4242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://web.test/billing?session=${session.id}`);

    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", customer: customer.id });
    const subscription = await stripe.subscriptions.retrieve(done.subscription as string);
    expect(subscription.metadata.account_id).toBe("acc-2");
    expect(subscription.items.data.map((i) => i.price.id)).toEqual([
      catalogue.plans.comfort.year,
      catalogue.overage,
    ]);
    const item = subscription.items.data[0];
    expect((item?.current_period_end ?? 0) - (item?.current_period_start ?? 0)).toBeGreaterThanOrEqual(
      365 * 86400,
    );
    expect(sim.state.events.slice(-3).map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);
  });

  it("refuses a quantity on a metered price", async () => {
    const stripe = createStripeClient("sk_test_sim", sim.url);
    await expect(
      stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price: catalogue.overage, quantity: 1 }],
        success_url: "http://web.test/ok",
      }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "line_items[0][quantity]" });
  });

  it("counts a meter event once per identifier and sums it in event summaries", async () => {
    const stripe = createStripeClient("sk_test_sim", sim.url);
    const [meter] = (await stripe.billing.meters.list({ status: "active" })).data;
    expect(meter?.event_name).toBe(catalogue.meterEventName);
    const now = Math.floor(Date.now() / 1000);
    const send = () =>
      stripe.billing.meterEvents.create({
        event_name: catalogue.meterEventName,
        payload: { stripe_customer_id: "cus_seed", value: "3" },
        identifier: "ledger-row-1",
        timestamp: now,
      });
    await send();
    await send();
    await send();
    const start = Math.floor(now / 60) * 60 - 3600;
    const summaries = await stripe.billing.meters.listEventSummaries(meter?.id as string, {
      customer: "cus_seed",
      start_time: start,
      end_time: start + 7200,
    });
    expect(summaries.data[0]?.aggregated_value).toBe(3);
  });

  it("renews the seeded subscription: the period moves on by a month", async () => {
    const stripe = createStripeClient("sk_test_sim", sim.url);
    const before = await stripe.subscriptions.retrieve("sub_seed");
    await sim.invoicePaid("acc-1");
    const after = await stripe.subscriptions.retrieve("sub_seed");
    expect(after.items.data[0]?.current_period_start).toBe(before.items.data[0]?.current_period_end);
  });

  it("cancels a subscription through stripe-node, at once", async () => {
    const stripe = createStripeClient("sk_test_sim", sim.url);
    const cancelled = await stripe.subscriptions.cancel("sub_seed");
    expect(cancelled.status).toBe("canceled");
    expect((await stripe.subscriptions.retrieve("sub_seed")).status).toBe("canceled");
    expect(sim.state.events.at(-1)?.type).toBe("customer.subscription.deleted");
  });
});
