import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import { type FormObject, parseStripeForm, record, str } from "./form.ts";
import { type Meter, type Price, StripeApiError } from "./objects.ts";
import type { StripeState } from "./state.ts";

/**
 * The catalogue half of Stripe's `/v1` API that provisioning uses: products (created with our own id,
 * retrieved), prices (created, listed by `lookup_keys[]`, a lookup key moved by `transfer_lookup_key`) and
 * billing meters (created; listed by the main API). Mounted behind the same auth and idempotency.
 */
export function catalogueApi(state: StripeState): Hono {
  const api = new Hono();
  const form = async (c: Context): Promise<FormObject> => parseStripeForm(await c.req.text());
  const missing = (param: string) =>
    new StripeApiError(400, "invalid_request_error", `Missing required param: ${param}.`, param);
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

  api.post("/products", async (c) => {
    const body = await form(c);
    const name = str(body.name);
    if (!name) throw missing("name");
    const productId = str(body.id) ?? id("prod");
    if (state.products.has(productId)) {
      throw new StripeApiError(400, "invalid_request_error", `Product already exists: ${productId}`, "id");
    }
    const product = {
      id: productId,
      object: "product" as const,
      active: true as const,
      name,
      metadata: record(body.metadata),
      created: state.now(),
    };
    state.products.set(productId, product);
    return c.json(product);
  });
  api.get("/products/:id", (c) => {
    const product = state.products.get(c.req.param("id"));
    if (!product) throw new StripeApiError(404, "invalid_request_error", "No such product", "id");
    return c.json(product);
  });

  api.post("/prices", async (c) => {
    const body = await form(c);
    const product = str(body.product);
    if (!product) throw missing("product");
    if (!state.products.has(product))
      throw new StripeApiError(400, "invalid_request_error", "No such product", "product");
    if (str(body.currency) !== "usd")
      throw new StripeApiError(400, "invalid_request_error", "Only usd is simulated.", "currency");
    const amount = Number(str(body.unit_amount));
    if (!Number.isInteger(amount) || amount < 0) throw missing("unit_amount");
    const recurring = record(body.recurring);
    const interval = recurring.interval;
    if (interval !== "month" && interval !== "year") throw missing("recurring[interval]");
    const usage = recurring.usage_type === "metered" ? "metered" : "licensed";
    const meter = recurring.meter ?? null;
    if (usage === "metered" && !(meter && meterById(state, meter))) throw missing("recurring[meter]");
    const lookupKey = str(body.lookup_key) ?? null;
    if (lookupKey) {
      const holder = [...state.prices.values()].find((price) => price.lookup_key === lookupKey);
      if (holder && str(body.transfer_lookup_key) !== "true") {
        throw new StripeApiError(
          400,
          "invalid_request_error",
          `A price (${holder.id}) already uses that lookup key.`,
          "lookup_key",
        );
      }
      if (holder) holder.lookup_key = null;
    }
    const price: Price = {
      id: id("price"),
      object: "price",
      active: true,
      currency: "usd",
      unit_amount: amount,
      product,
      recurring: {
        interval,
        interval_count: 1,
        usage_type: usage,
        meter: usage === "metered" ? meter : null,
      },
      lookup_key: lookupKey,
      nickname: str(body.nickname) ?? null,
    };
    state.prices.set(price.id, price);
    return c.json(price);
  });
  api.get("/prices", (c) => {
    const url = new URL(c.req.url);
    const keys = [...url.searchParams]
      .filter(([name]) => name.startsWith("lookup_keys["))
      .map(([, value]) => value);
    const data = [...state.prices.values()].filter(
      (price) => keys.length === 0 || keys.includes(price.lookup_key ?? ""),
    );
    return c.json({ object: "list", data, has_more: false, url: "/v1/prices" });
  });

  api.post("/billing/meters", async (c) => {
    const body = await form(c);
    const eventName = str(body.event_name);
    const displayName = str(body.display_name);
    if (!eventName) throw missing("event_name");
    if (!displayName) throw missing("display_name");
    if (allMeters(state).some((meter) => meter.event_name === eventName && meter.status === "active")) {
      throw new StripeApiError(
        400,
        "invalid_request_error",
        "An active meter already uses that event_name.",
        "event_name",
      );
    }
    const now = state.now();
    const meter: Meter = {
      id: id("mtr"),
      object: "billing.meter",
      event_name: eventName,
      display_name: displayName,
      status: "active",
      default_aggregation: { formula: "sum" },
      customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
      value_settings: { event_payload_key: "value" },
      event_time_window: null,
      status_transitions: { deactivated_at: null },
      created: now,
      updated: now,
      livemode: false,
    };
    state.createdMeters.set(meter.id, meter);
    return c.json(meter);
  });
  return api;
}

export const allMeters = (state: StripeState): Meter[] => [state.meter, ...state.createdMeters.values()];
const meterById = (state: StripeState, meterId: string) =>
  allMeters(state).find((meter) => meter.id === meterId);
