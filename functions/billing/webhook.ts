import { z } from "zod";
import type { BillingDeps } from "../_shared/domain/billing/deps.ts";
import { type SyncOutcome, syncSubscription } from "../_shared/domain/billing/subscription-sync.ts";
import { AppError } from "../_shared/platform/errors.ts";
import { type StripeEvent, verifyStripeEvent } from "../_shared/platform/stripe-client.ts";

export type WebhookOutcome =
  | { kind: "duplicate"; eventId: string }
  | { kind: "ignored"; eventId: string; type: string }
  | { kind: "processed"; eventId: string; type: string; sync: SyncOutcome | null };

/** What handling relies on, checked once the signature is: a signed body can still be no event at all. */
const eventShape = z.object({
  id: z.string().regex(/^evt_\w+$/),
  type: z.string().min(1).max(200),
  created: z.number().int().positive().max(32_503_680_000),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const HANDLED = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
]);

/** The subscription an event is about: its id only — its state is fetched from Stripe, never trusted from the event. */
export function subscriptionIdOf(event: StripeEvent): string | null {
  const object = event.data.object as unknown as Record<string, unknown>;
  if (event.type.startsWith("customer.subscription."))
    return typeof object.id === "string" ? object.id : null;
  if (event.type === "checkout.session.completed")
    return typeof object.subscription === "string" ? object.subscription : null;
  if (event.type.startsWith("invoice.")) {
    const parent = object.parent as { subscription_details?: { subscription?: unknown } } | null | undefined;
    const id = parent?.subscription_details?.subscription;
    return typeof id === "string" ? id : null;
  }
  return null;
}

/**
 * One webhook delivery: the signature is checked on the raw body first (forged or stale → 400, nothing
 * written); each event id is processed once (ultaura_stripe_events, locked while it is handled, and
 * `processed_at` set only when handling succeeded, so a failure is retried by Stripe); handlers fetch the
 * subscription's current state, so order does not matter.
 */
export async function handleStripeWebhook(
  deps: BillingDeps,
  rawBody: string,
  signature: string | undefined,
): Promise<WebhookOutcome> {
  if (!signature) throw new AppError(400, "invalid_signature", "The Stripe-Signature header is missing.");
  let event: StripeEvent;
  try {
    event = await verifyStripeEvent(deps.stripe, rawBody, signature, deps.config.webhookSecret);
  } catch {
    throw new AppError(400, "invalid_signature", "The Stripe signature does not match this payload.");
  }
  if (!eventShape.safeParse(event).success)
    throw new AppError(400, "invalid_event", "The body is not a Stripe event.");
  // Stripe retries anything but a 2xx; a type we do not handle is acknowledged and changes nothing.
  if (!HANDLED.has(event.type)) return { kind: "ignored", eventId: event.id, type: event.type };

  const [seen] = await deps.db.sql<{ processed: boolean }[]>`
    select processed_at is not null as processed from public.ultaura_stripe_events where id = ${event.id}`;
  if (seen?.processed) return { kind: "duplicate", eventId: event.id };

  const subscriptionId = HANDLED.has(event.type) ? subscriptionIdOf(event) : null;
  const subscription = subscriptionId ? await deps.stripe.subscriptions.retrieve(subscriptionId) : null;
  const objectId = (event.data.object as unknown as { id?: unknown }).id;

  return deps.db.asService(async (tx) => {
    await tx`
      insert into public.ultaura_stripe_events (id, type, stripe_created_at, object_id)
      values (${event.id}, ${event.type}, ${new Date(event.created * 1000)}, ${typeof objectId === "string" ? objectId : null})
      on conflict (id) do nothing`;
    const [row] = await tx<{ processed_at: Date | null }[]>`
      select processed_at from public.ultaura_stripe_events where id = ${event.id} for update`;
    if (row?.processed_at) return { kind: "duplicate", eventId: event.id } as const;
    const sync = subscription
      ? await syncSubscription(tx, deps.config.catalogue, subscription, deps.now())
      : null;
    await tx`update public.ultaura_stripe_events set processed_at = now() where id = ${event.id}`;
    return { kind: "processed", eventId: event.id, type: event.type, sync } as const;
  });
}
