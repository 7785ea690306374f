import { Hono } from "hono";
import { StripeApiError, type StripeEvent } from "./objects.ts";
import type { StripeState } from "./state.ts";
import type { Delivery } from "./webhooks.ts";

/**
 * `/_sim`: what a developer or a test does to the simulated Stripe (pay a checkout, renew, fail a renewal,
 * switch plans as the portal would, cancel) and reads back (meter events, events sent).
 */
export function controlRoutes(
  state: StripeState,
  deliver: (events: StripeEvent[]) => Promise<Delivery[]>,
): Hono {
  const control = new Hono();
  control.onError((error, c) => {
    const status = error instanceof StripeApiError ? error.status : 500;
    return c.json({ error: { message: error.message } }, status);
  });

  const subscriptionOf = (key: string | undefined) => {
    const subscription = key ? state.findSubscription(key) : undefined;
    if (!subscription) throw new StripeApiError(404, "invalid_request_error", `No subscription for '${key}'`);
    return subscription;
  };
  const body = async (c: { req: { json(): Promise<unknown> } }) =>
    ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, string | undefined>;

  control.get("/health", (c) => c.json({ ok: true }));
  control.post("/checkout/:id/complete", async (c) =>
    c.json({ deliveries: await deliver(state.completeCheckout(c.req.param("id"))) }),
  );
  control.post("/invoice-paid", async (c) => {
    const { account } = await body(c);
    return c.json({ deliveries: await deliver(state.invoicePaid(subscriptionOf(account).id)) });
  });
  control.post("/payment-failed", async (c) => {
    const { account } = await body(c);
    return c.json({ deliveries: await deliver(state.paymentFailed(subscriptionOf(account).id)) });
  });
  control.post("/change-price", async (c) => {
    const { account, price } = await body(c);
    return c.json({ deliveries: await deliver(state.changePrice(subscriptionOf(account).id, price ?? "")) });
  });
  control.post("/cancel", async (c) => {
    const { account } = await body(c);
    return c.json({ deliveries: await deliver(state.cancel(subscriptionOf(account).id)) });
  });
  control.get("/meter-events", (c) => c.json({ meterEvents: [...state.meterEvents.values()] }));
  control.get("/events", (c) => c.json({ events: state.events }));
  control.post("/events/:id/deliver", async (c) => {
    const event = state.events.find((e) => e.id === c.req.param("id"));
    if (!event) throw new StripeApiError(404, "invalid_request_error", "No such event");
    return c.json({ deliveries: await deliver([event]) });
  });
  return control;
}
