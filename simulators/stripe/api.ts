import { type Context, Hono } from "hono";
import { allMeters, catalogueApi } from "./catalogue-api.ts";
import { type FormObject, parseStripeForm, record, str } from "./form.ts";
import { StripeApiError, type StripeEvent } from "./objects.ts";
import { publicSession, type StripeState } from "./state.ts";
import type { Delivery } from "./webhooks.ts";

/** Stripe's `/v1` REST surface that the product uses, with stripe-node's auth, encoding and idempotency. */
export function stripeApi(
  state: StripeState,
  secretKey: string | null,
  deliver: (events: StripeEvent[]) => Promise<Delivery[]>,
): Hono {
  const api = new Hono();

  api.onError((error, c) => {
    if (error instanceof StripeApiError) {
      const body = {
        error: { type: error.type, message: error.message, param: error.param, code: error.code },
      };
      return c.json(body, error.status);
    }
    return c.json({ error: { type: "api_error", message: String(error) } }, 500);
  });

  api.use(async (c, next) => {
    const auth = c.req.header("authorization") ?? "";
    const key = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!key || (secretKey !== null && key !== secretKey)) {
      return c.json({ error: { type: "invalid_request_error", message: "Invalid API Key provided." } }, 401);
    }
    const idempotencyKey = c.req.method === "POST" ? c.req.header("idempotency-key") : undefined;
    const earlier = idempotencyKey ? state.idempotent.get(idempotencyKey) : undefined;
    if (earlier) {
      c.header("idempotent-replayed", "true");
      return c.json(earlier.body as object, earlier.status as 200);
    }
    await next();
    if (idempotencyKey && c.res.status < 500) {
      state.idempotent.set(idempotencyKey, { status: c.res.status, body: await c.res.clone().json() });
    }
  });

  api.route("/", catalogueApi(state));

  const form = async (c: Context): Promise<FormObject> => parseStripeForm(await c.req.text());
  const list = (url: string, data: unknown[]) => ({ object: "list", data, has_more: false, url });

  api.post("/customers", async (c) => {
    const body = await form(c);
    return c.json(state.createCustomer({ email: str(body.email), metadata: record(body.metadata) }));
  });
  api.get("/customers/:id", (c) => {
    const customer = state.customers.get(c.req.param("id"));
    if (!customer) throw new StripeApiError(404, "invalid_request_error", "No such customer", "id");
    return c.json(customer);
  });

  api.post("/checkout/sessions", async (c) => {
    const body = await form(c);
    if (str(body.mode) !== "subscription")
      throw new StripeApiError(400, "invalid_request_error", "Only mode=subscription is simulated.", "mode");
    const items = Array.isArray(body.line_items) ? body.line_items : [];
    const subscriptionData = body.subscription_data as FormObject | undefined;
    const session = state.createCheckoutSession({
      customer: str(body.customer),
      customerEmail: str(body.customer_email),
      clientReferenceId: str(body.client_reference_id),
      lineItems: items.map((item) => {
        const fields = record(item);
        return { price: fields.price, quantity: fields.quantity };
      }),
      successUrl: str(body.success_url),
      cancelUrl: str(body.cancel_url),
      metadata: record(body.metadata),
      subscriptionMetadata: record(subscriptionData?.metadata),
    });
    return c.json(publicSession(session));
  });
  api.get("/checkout/sessions/:id", (c) => {
    const session = state.sessions.get(c.req.param("id"));
    if (!session) throw new StripeApiError(404, "invalid_request_error", "No such checkout.session", "id");
    return c.json(publicSession(session));
  });

  api.post("/billing_portal/sessions", async (c) => {
    const body = await form(c);
    const customer = str(body.customer);
    if (!customer)
      throw new StripeApiError(400, "invalid_request_error", "Missing required param: customer.", "customer");
    return c.json(state.createPortalSession(customer, str(body.return_url) ?? null));
  });

  api.get("/subscriptions/:id", (c) => c.json(state.subscription(c.req.param("id"))));
  // Stripe's "cancel a subscription": at once, with customer.subscription.deleted sent to the webhook.
  api.delete("/subscriptions/:id", async (c) => {
    const id = c.req.param("id");
    const events = state.cancel(id);
    await deliver(events);
    return c.json(state.subscription(id));
  });
  api.get("/subscriptions", (c) => {
    const customer = c.req.query("customer");
    const data = [...state.subscriptions.values()].filter((s) => !customer || s.customer === customer);
    return c.json(list("/v1/subscriptions", data));
  });
  api.get("/invoices/:id", (c) => {
    const invoice = state.invoices.get(c.req.param("id"));
    if (!invoice) throw new StripeApiError(404, "invalid_request_error", "No such invoice", "id");
    return c.json(invoice);
  });

  api.get("/billing/meters", (c) => {
    const status = c.req.query("status");
    const data = allMeters(state).filter((meter) => !status || status === meter.status);
    return c.json(list("/v1/billing/meters", data));
  });
  api.post("/billing/meter_events", async (c) => {
    const body = await form(c);
    return c.json(
      state.recordMeterEvent({
        eventName: str(body.event_name),
        payload: record(body.payload),
        identifier: str(body.identifier),
        timestamp: str(body.timestamp),
      }),
    );
  });
  api.get("/billing/meters/:id/event_summaries", (c) => {
    if (c.req.param("id") !== state.meter.id)
      throw new StripeApiError(404, "invalid_request_error", "No such billing meter", "id");
    const customer = c.req.query("customer");
    const start = Number(c.req.query("start_time"));
    const end = Number(c.req.query("end_time"));
    if (!customer)
      throw new StripeApiError(400, "invalid_request_error", "Missing required param: customer.", "customer");
    for (const [name, value] of [
      ["start_time", start],
      ["end_time", end],
    ] as const) {
      if (!Number.isInteger(value) || value % 60 !== 0)
        throw new StripeApiError(400, "invalid_request_error", `${name} must be a whole minute.`, name);
    }
    const summary = {
      id: `mtrsum_${customer}_${start}_${end}`,
      object: "billing.meter_event_summary",
      aggregated_value: state.meterTotal(customer, start, end),
      start_time: start,
      end_time: end,
      meter: state.meter.id,
      livemode: false,
    };
    return c.json(list(`/v1/billing/meters/${state.meter.id}/event_summaries`, [summary]));
  });

  api.all("*", (c) =>
    c.json(
      {
        error: {
          type: "invalid_request_error",
          message: `Unrecognized request URL (${c.req.method}: ${c.req.path}).`,
        },
      },
      404,
    ),
  );
  return api;
}
