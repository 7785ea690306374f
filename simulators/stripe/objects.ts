/** The Stripe objects the simulator keeps, shaped as API version 2026-10-28 returns them (the fields we use). */
export type Metadata = Record<string, string>;

export interface Price {
  id: string;
  object: "price";
  active: true;
  currency: "usd";
  unit_amount: number;
  product: string;
  recurring: {
    interval: "month" | "year";
    interval_count: 1;
    usage_type: "licensed" | "metered";
    meter: string | null;
  };
  /** Set on prices created through the API (provisioning finds its prices by it); the catalogue's have none. */
  lookup_key?: string | null;
  nickname?: string | null;
}

export interface Product {
  id: string;
  object: "product";
  active: true;
  name: string;
  metadata: Record<string, string>;
  created: number;
}

export interface Customer {
  id: string;
  object: "customer";
  email: string | null;
  metadata: Metadata;
  created: number;
  livemode: false;
}

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  mode: "subscription";
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  url: string | null;
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  subscription: string | null;
  metadata: Metadata;
  success_url: string | null;
  cancel_url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  /** Not part of Stripe's object; kept to build the subscription. Stripped before answering. */
  _lineItems: { price: string; quantity: number | null }[];
  _subscriptionMetadata: Metadata;
}

export interface SubscriptionItem {
  id: string;
  object: "subscription_item";
  price: Price;
  quantity?: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
  metadata: Metadata;
  created: number;
}

export interface Subscription {
  id: string;
  object: "subscription";
  status: "active" | "canceled" | "incomplete" | "past_due" | "trialing" | "unpaid";
  customer: string;
  metadata: Metadata;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  start_date: number;
  created: number;
  latest_invoice: string | null;
  items: { object: "list"; data: SubscriptionItem[]; has_more: false; url: string };
  livemode: false;
}

export interface Invoice {
  id: string;
  object: "invoice";
  status: "draft" | "open" | "paid" | "uncollectible" | "void";
  customer: string;
  amount_due: number;
  amount_paid: number;
  currency: "usd";
  period_start: number;
  period_end: number;
  parent: {
    type: "subscription_details";
    subscription_details: { subscription: string; metadata: Metadata };
  };
  created: number;
  livemode: false;
}

export interface Meter {
  id: string;
  object: "billing.meter";
  event_name: string;
  display_name: string;
  status: "active" | "inactive";
  default_aggregation: { formula: "sum" };
  customer_mapping: { event_payload_key: "stripe_customer_id"; type: "by_id" };
  value_settings: { event_payload_key: "value" };
  event_time_window: null;
  status_transitions: { deactivated_at: null };
  created: number;
  updated: number;
  livemode: false;
}

export interface MeterEvent {
  object: "billing.meter_event";
  created: number;
  event_name: string;
  identifier: string;
  livemode: false;
  payload: Metadata;
  timestamp: number;
}

export interface PortalSession {
  id: string;
  object: "billing_portal.session";
  url: string;
  customer: string;
  return_url: string | null;
  configuration: string;
  flow: null;
  locale: null;
  on_behalf_of: null;
  created: number;
  livemode: false;
}

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
}

/** A Stripe error answer: status and body `{ error: { type, code?, message, param? } }`. */
export class StripeApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 404,
    readonly type: "invalid_request_error" | "card_error" | "authentication_error",
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
