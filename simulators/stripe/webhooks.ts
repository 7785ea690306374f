import Stripe from "stripe";
import type { StripeEvent } from "./objects.ts";

export interface Delivery {
  eventId: string;
  type: string;
  /** The endpoint's HTTP status, or 0 when it could not be reached. */
  status: number;
}

/**
 * Sends events to the webhook endpoint one after the other, as the Stripe CLI's `listen --forward-to`
 * does: the raw JSON body and a `Stripe-Signature` made with the stripe package's own test helper.
 */
export async function deliverEvents(
  url: string | null,
  secret: string,
  events: StripeEvent[],
  log: (line: string) => void,
): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (const event of events) {
    if (!url) {
      deliveries.push({ eventId: event.id, type: event.type, status: 0 });
      continue;
    }
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    let status = 0;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
        body: payload,
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      log(`webhook ${event.type} ${event.id} not delivered: ${String(error)}`);
    }
    log(`--> ${event.type} [${event.id}] ${status || "unreachable"}`);
    deliveries.push({ eventId: event.id, type: event.type, status });
  }
  return deliveries;
}
