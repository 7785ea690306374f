import { Hono } from "hono";
import type { PriceCatalogue } from "../../functions/_shared/domain/billing/prices.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { listen } from "../listen.ts";
import { stripeApi } from "./api.ts";
import { controlRoutes } from "./control.ts";
import type { MeterEvent, StripeEvent } from "./objects.ts";
import { hostedPages } from "./pages.ts";
import { StripeState } from "./state.ts";
import { type Delivery, deliverEvents } from "./webhooks.ts";

/** A customer with a running subscription that exists from the simulator's first start (the seeded paid account). */
export interface SeededSubscription {
  accountId: string;
  customerId: string;
  subscriptionId: string;
  /** Licensed price; the metered overage price is added. */
  price: string;
  periodStart: number;
}

export interface StripeSimulatorOptions {
  port: number;
  host?: string;
  catalogue: PriceCatalogue;
  /** functions/billing's webhook URL; null sends nothing (tests that deliver by hand). */
  webhookUrl: string | null;
  webhookSecret: string;
  /** The secret key the API accepts; null accepts any `Bearer` key. */
  secretKey: string | null;
  seed?: SeededSubscription[];
  now?: () => number;
  log?: (line: string) => void;
}

export interface StripeSimulator {
  url: string;
  port: number;
  state: StripeState;
  /** Pays a checkout session as the hosted page does and delivers the resulting webhooks. */
  completeCheckout(sessionId: string): Promise<Delivery[]>;
  invoicePaid(accountOrSubscription: string): Promise<Delivery[]>;
  paymentFailed(accountOrSubscription: string): Promise<Delivery[]>;
  changePrice(accountOrSubscription: string, price: string): Promise<Delivery[]>;
  /** Points webhooks somewhere else (null: deliver nothing), e.g. at a test's own server. */
  setWebhookUrl(url: string | null): void;
  /** Delivers (again) events already created, in the order given. */
  deliver(events: StripeEvent[]): Promise<Delivery[]>;
  meterEvents(): MeterEvent[];
  /** Back to the first start: only the seeded customers and subscriptions. */
  reset(): void;
  stop(): Promise<void>;
}

export async function startStripeSimulator(options: StripeSimulatorOptions): Promise<StripeSimulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => console.log(`[stripe-sim] ${line}`));
  let url = "";
  const state = new StripeState({ catalogue: options.catalogue, publicUrl: () => url, now: options.now });
  const seedAll = () => {
    for (const seed of options.seed ?? []) seedOne(seed);
  };
  const seedOne = (seed: SeededSubscription) => {
    state.createCustomer({ id: seed.customerId, metadata: { account_id: seed.accountId } });
    state.createSubscription(
      seed.customerId,
      [
        { price: seed.price, quantity: 1 },
        { price: options.catalogue.overage, quantity: null },
      ],
      { account_id: seed.accountId },
      { id: seed.subscriptionId, periodStart: seed.periodStart },
    );
  };
  seedAll();
  let webhookUrl = options.webhookUrl;
  const deliver = (events: StripeEvent[]) => deliverEvents(webhookUrl, options.webhookSecret, events, log);
  const subscriptionId = (key: string) => {
    const subscription = state.findSubscription(key);
    if (!subscription) throw new Error(`no subscription for ${key}`);
    return subscription.id;
  };

  const app = new Hono();
  app.route("/v1", stripeApi(state, options.secretKey, deliver));
  app.route("/_sim", controlRoutes(state, deliver));
  app.route(
    "/",
    hostedPages(state, (id) => deliver(state.completeCheckout(id))),
  );

  const http = await listen(app.fetch, options.port, host);
  url = http.url;
  log(`listening on ${url} (webhooks to ${options.webhookUrl ?? "nowhere"})`);

  return {
    url,
    port: http.port,
    state,
    completeCheckout: (id) => deliver(state.completeCheckout(id)),
    invoicePaid: (key) => deliver(state.invoicePaid(subscriptionId(key))),
    paymentFailed: (key) => deliver(state.paymentFailed(subscriptionId(key))),
    changePrice: (key, price) => deliver(state.changePrice(subscriptionId(key), price)),
    setWebhookUrl: (next) => {
      webhookUrl = next;
    },
    deliver,
    meterEvents: () => [...state.meterEvents.values()],
    reset: () => {
      state.reset();
      seedAll();
    },
    stop: () => http.close(),
  };
}

/**
 * supabase/seed.sql's paid account: its customer and Care subscription, the period starting at UTC midnight
 * ten days ago as seed.sql sets it.
 */
export function seededPaidSubscription(
  catalogue: PriceCatalogue,
  nowSeconds = Math.floor(Date.now() / 1000),
): SeededSubscription {
  return {
    accountId: SEED.accounts.paid,
    customerId: SEED.stripe.paidCustomer,
    subscriptionId: SEED.stripe.paidSubscription,
    price: catalogue.plans.care.month,
    periodStart: utcDayStart(nowSeconds, 10),
  };
}

/** UTC midnight `days` days before `now` (seconds), as seed.sql's `date_trunc('day', now()) - interval 'N days'`. */
function utcDayStart(nowSeconds: number, daysBack: number): number {
  return Math.floor(nowSeconds / 86400) * 86400 - daysBack * 86400;
}
