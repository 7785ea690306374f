import { randomBytes } from "node:crypto";
import type { BillingInterval, PriceCatalogue } from "../../functions/_shared/domain/billing/prices.ts";
import { catalogueObjects } from "./catalogue.ts";
import { checkMeterEvent, type MeterEventParams, meterTotal } from "./meters.ts";
import {
  type CheckoutSession,
  type Customer,
  type Invoice,
  type Metadata,
  type Meter,
  type MeterEvent,
  type PortalSession,
  type Price,
  type Product,
  StripeApiError,
  type StripeEvent,
  type Subscription,
} from "./objects.ts";

export const API_VERSION = "2026-10-28.endive";

export interface StateOptions {
  catalogue: PriceCatalogue;
  /** Base URL of the simulator as browsers reach it (hosted checkout and portal pages). */
  publicUrl: () => string;
  now?: () => number;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

export function addInterval(seconds: number, interval: BillingInterval): number {
  const date = new Date(seconds * 1000);
  if (interval === "year") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return Math.floor(date.getTime() / 1000);
}

/** Everything the simulator knows, in memory. Operations that Stripe follows with webhooks return their events. */
export class StripeState {
  readonly customers = new Map<string, Customer>();
  readonly sessions = new Map<string, CheckoutSession>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly invoices = new Map<string, Invoice>();
  readonly portalSessions = new Map<string, PortalSession>();
  readonly prices = new Map<string, Price>();
  /** Products and meters created through the API (scripts/provision/stripe.ts); the catalogue's meter is `meter`. */
  readonly products = new Map<string, Product>();
  readonly createdMeters = new Map<string, Meter>();
  readonly meter: Meter;
  /** Accepted meter events by identifier; a repeated identifier is dropped. */
  readonly meterEvents = new Map<string, MeterEvent>();
  readonly events: StripeEvent[] = [];
  readonly idempotent = new Map<string, { status: number; body: unknown }>();
  readonly now: () => number;

  constructor(readonly options: StateOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    const { prices, meter } = catalogueObjects(options.catalogue, this.now());
    for (const price of prices) this.prices.set(price.id, price);
    this.meter = meter;
  }

  /** Forgets every customer, session, subscription, invoice, meter event and event; the catalogue stays. */
  reset(): void {
    for (const map of [
      this.customers,
      this.sessions,
      this.subscriptions,
      this.invoices,
      this.portalSessions,
      this.meterEvents,
      this.idempotent,
    ])
      map.clear();
    this.events.length = 0;
  }

  createCustomer(params: { email?: string; metadata?: Metadata; id?: string }): Customer {
    const customer: Customer = {
      id: params.id ?? newId("cus"),
      object: "customer",
      email: params.email ?? null,
      metadata: params.metadata ?? {},
      created: this.now(),
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  createCheckoutSession(params: {
    customer?: string;
    customerEmail?: string;
    clientReferenceId?: string;
    lineItems: { price?: string; quantity?: string }[];
    successUrl?: string;
    cancelUrl?: string;
    metadata: Metadata;
    subscriptionMetadata: Metadata;
  }): CheckoutSession {
    if (params.customer && !this.customers.has(params.customer))
      throw new StripeApiError(
        400,
        "invalid_request_error",
        `No such customer: '${params.customer}'`,
        "customer",
      );
    if (params.lineItems.length === 0)
      throw new StripeApiError(
        400,
        "invalid_request_error",
        "line_items is required in subscription mode.",
        "line_items",
      );
    const lineItems = params.lineItems.map((item, index) => {
      const price = item.price ? this.prices.get(item.price) : undefined;
      if (!price)
        throw new StripeApiError(
          400,
          "invalid_request_error",
          `No such price: '${item.price}'`,
          `line_items[${index}][price]`,
        );
      if (price.recurring.usage_type === "metered" && item.quantity !== undefined)
        throw new StripeApiError(
          400,
          "invalid_request_error",
          "Quantity should not be specified where usage_type is `metered`.",
          `line_items[${index}][quantity]`,
        );
      return { price: price.id, quantity: item.quantity === undefined ? null : Number(item.quantity) };
    });
    const id = newId("cs_test");
    const session: CheckoutSession = {
      id,
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      payment_status: "unpaid",
      url: `${this.options.publicUrl()}/checkout/${id}`,
      customer: params.customer ?? null,
      customer_email: params.customerEmail ?? null,
      client_reference_id: params.clientReferenceId ?? null,
      subscription: null,
      metadata: params.metadata,
      success_url: params.successUrl ?? null,
      cancel_url: params.cancelUrl ?? null,
      created: this.now(),
      expires_at: this.now() + 24 * 3600,
      livemode: false,
      _lineItems: lineItems,
      _subscriptionMetadata: params.subscriptionMetadata,
    };
    this.sessions.set(id, session);
    return session;
  }

  /** The customer paid on the hosted page: subscription, first invoice, and Stripe's events. */
  completeCheckout(sessionId: string): StripeEvent[] {
    const session = this.sessions.get(sessionId);
    if (!session)
      throw new StripeApiError(404, "invalid_request_error", `No such checkout.session: '${sessionId}'`);
    if (session.status !== "open")
      throw new StripeApiError(400, "invalid_request_error", `This Checkout Session is ${session.status}.`);
    const customer = session.customer
      ? (this.customers.get(session.customer) as Customer)
      : this.createCustomer({ email: session.customer_email ?? undefined });
    const subscription = this.createSubscription(
      customer.id,
      session._lineItems,
      session._subscriptionMetadata,
    );
    const invoice = this.createInvoice(subscription, "paid");
    Object.assign(session, {
      status: "complete",
      payment_status: "paid",
      url: null,
      customer: customer.id,
      subscription: subscription.id,
    });
    return [
      this.event("checkout.session.completed", publicSession(session)),
      this.event("customer.subscription.created", subscription),
      this.event("invoice.paid", invoice),
    ];
  }

  createSubscription(
    customer: string,
    lineItems: { price: string; quantity: number | null }[],
    metadata: Metadata,
    options: { id?: string; periodStart?: number } = {},
  ): Subscription {
    const id = options.id ?? newId("sub");
    const start = options.periodStart ?? this.now();
    const prices = lineItems.map((item) => this.prices.get(item.price) as Price);
    const subscription: Subscription = {
      id,
      object: "subscription",
      status: "active",
      customer,
      metadata,
      cancel_at_period_end: false,
      canceled_at: null,
      start_date: start,
      created: this.now(),
      latest_invoice: null,
      items: {
        object: "list",
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
        data: lineItems.map((item, index) => ({
          id: newId("si"),
          object: "subscription_item",
          price: prices[index] as Price,
          ...(item.quantity === null ? {} : { quantity: item.quantity }),
          current_period_start: start,
          // Flexible billing mode (the default in this API version): each item renews on its own interval,
          // so an annual plan's metered minutes are still invoiced monthly.
          current_period_end: addInterval(start, (prices[index] as Price).recurring.interval),
          subscription: id,
          metadata: {},
          created: this.now(),
        })),
      },
      livemode: false,
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  /**
   * The next renewal paid: the earliest-ending items move on by their own interval (the monthly ones every
   * time, an annual plan's fee once a year); a past-due subscription is active again.
   */
  invoicePaid(subscriptionId: string): StripeEvent[] {
    const subscription = this.subscription(subscriptionId);
    const renewAt = Math.min(...subscription.items.data.map((item) => item.current_period_end));
    for (const item of subscription.items.data) {
      if (item.current_period_end > renewAt) continue;
      item.current_period_start = item.current_period_end;
      item.current_period_end = addInterval(item.current_period_start, item.price.recurring.interval);
    }
    subscription.status = "active";
    const invoice = this.createInvoice(subscription, "paid");
    return [this.event("invoice.paid", invoice), this.event("customer.subscription.updated", subscription)];
  }

  /** A renewal's card was declined: the subscription goes past due. */
  paymentFailed(subscriptionId: string): StripeEvent[] {
    const subscription = this.subscription(subscriptionId);
    subscription.status = "past_due";
    const invoice = this.createInvoice(subscription, "open");
    return [
      this.event("invoice.payment_failed", invoice),
      this.event("customer.subscription.updated", subscription),
    ];
  }

  /** The customer switched plans in the portal: the licensed item's price changes, now. */
  changePrice(subscriptionId: string, priceId: string): StripeEvent[] {
    const subscription = this.subscription(subscriptionId);
    const price = this.prices.get(priceId);
    if (price?.recurring.usage_type !== "licensed")
      throw new StripeApiError(400, "invalid_request_error", `No such licensed price: '${priceId}'`, "price");
    const item = subscription.items.data.find((i) => i.price.recurring.usage_type === "licensed");
    if (item) item.price = price;
    return [this.event("customer.subscription.updated", subscription)];
  }

  cancel(subscriptionId: string): StripeEvent[] {
    const subscription = this.subscription(subscriptionId);
    subscription.status = "canceled";
    subscription.canceled_at = this.now();
    return [this.event("customer.subscription.deleted", subscription)];
  }

  subscription(id: string): Subscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription)
      throw new StripeApiError(404, "invalid_request_error", `No such subscription: '${id}'`, "id");
    return subscription;
  }

  /** The subscription whose metadata names this account, or whose id or customer is `key`. */
  findSubscription(key: string): Subscription | undefined {
    return [...this.subscriptions.values()]
      .reverse()
      .find((s) => s.id === key || s.customer === key || s.metadata.account_id === key);
  }

  createPortalSession(customer: string, returnUrl: string | null): PortalSession {
    if (!this.customers.has(customer))
      throw new StripeApiError(400, "invalid_request_error", `No such customer: '${customer}'`, "customer");
    const id = newId("bps");
    const session: PortalSession = {
      id,
      object: "billing_portal.session",
      url: `${this.options.publicUrl()}/portal/${id}`,
      customer,
      return_url: returnUrl,
      configuration: "bpc_local_default",
      flow: null,
      locale: null,
      on_behalf_of: null,
      created: this.now(),
      livemode: false,
    };
    this.portalSessions.set(id, session);
    return session;
  }

  /** Records a meter event; a repeated identifier is answered with the first event and not counted again. */
  recordMeterEvent(params: MeterEventParams): MeterEvent {
    const event = checkMeterEvent(this.meter, (id) => this.customers.has(id), params, this.now());
    const earlier = this.meterEvents.get(event.identifier);
    if (earlier) return earlier;
    this.meterEvents.set(event.identifier, event);
    return event;
  }

  meterTotal(customer: string, start: number, end: number): number {
    return meterTotal(this.meterEvents.values(), customer, start, end);
  }

  private createInvoice(subscription: Subscription, status: "paid" | "open"): Invoice {
    const amount = subscription.items.data.reduce(
      (sum, item) =>
        sum +
        (item.price.recurring.usage_type === "licensed" ? item.price.unit_amount * (item.quantity ?? 1) : 0),
      0,
    );
    const first = subscription.items.data[0];
    const invoice: Invoice = {
      id: newId("in"),
      object: "invoice",
      status,
      customer: subscription.customer,
      amount_due: amount,
      amount_paid: status === "paid" ? amount : 0,
      currency: "usd",
      period_start: first?.current_period_start ?? this.now(),
      period_end: first?.current_period_end ?? this.now(),
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
      },
      created: this.now(),
      livemode: false,
    };
    this.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    return invoice;
  }

  private event(type: string, object: unknown): StripeEvent {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: this.now(),
      type,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    this.events.push(event);
    return event;
  }
}

/** A checkout session without the simulator's private fields. */
export function publicSession(
  session: CheckoutSession,
): Omit<CheckoutSession, "_lineItems" | "_subscriptionMetadata"> {
  const { _lineItems, _subscriptionMetadata, ...rest } = session;
  return rest;
}
