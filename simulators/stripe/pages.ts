import { Hono } from "hono";
import type { StripeState } from "./state.ts";
import type { Delivery } from "./webhooks.ts";

/** The only card the hosted page accepts, as in Stripe's test mode. */
export const TEST_CARD = "4242424242424242";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:1rem 0 .25rem}input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem}.error{color:#b00020}</style></head>
<body><p><small>Stripe simulator — test mode</small></p>${body}</body></html>`;

/** The hosted checkout page (test card 4242 4242 4242 4242) and a plain customer-portal page. */
export function hostedPages(state: StripeState, complete: (sessionId: string) => Promise<Delivery[]>): Hono {
  const pages = new Hono();

  const checkoutForm = (sessionId: string, error?: string) => {
    const session = state.sessions.get(sessionId);
    if (!session) return null;
    const items = session._lineItems
      .map((item) => {
        const price = state.prices.get(item.price);
        const amount = price ? `$${(price.unit_amount / 100).toFixed(2)}` : "";
        const unit =
          price?.recurring.usage_type === "metered"
            ? " per minute used"
            : ` per ${price?.recurring.interval}`;
        return `<li>${escapeHtml(price?.product ?? item.price)}: ${amount}${unit}</li>`;
      })
      .join("");
    return page(
      "Pay Ultaura",
      `<h1>Subscribe to Ultaura</h1><ul>${items}</ul>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post"><label for="card">Card number</label>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
<button type="submit">Subscribe</button></form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : ""}`,
    );
  };

  pages.get("/checkout/:id", (c) => {
    const session = state.sessions.get(c.req.param("id"));
    if (!session) return c.html(page("Not found", "<h1>No such checkout session</h1>"), 404);
    if (session.status !== "open") return c.html(page("Done", "<h1>This checkout is already complete.</h1>"));
    return c.html(checkoutForm(session.id) as string);
  });

  pages.post("/checkout/:id", async (c) => {
    const id = c.req.param("id");
    const session = state.sessions.get(id);
    if (session?.status !== "open")
      return c.html(page("Not found", "<h1>No open checkout session</h1>"), 404);
    const card = String((await c.req.parseBody()).card ?? "").replace(/[\s-]/g, "");
    if (card !== TEST_CARD)
      return c.html(checkoutForm(id, "Your card was declined. Use 4242 4242 4242 4242.") as string, 402);
    await complete(id);
    const success = session.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", id);
    return success ? c.redirect(success, 303) : c.html(page("Paid", "<h1>Payment complete</h1>"));
  });

  pages.get("/portal/:id", (c) => {
    const portal = state.portalSessions.get(c.req.param("id"));
    if (!portal) return c.html(page("Not found", "<h1>No such portal session</h1>"), 404);
    const subscriptions = [...state.subscriptions.values()].filter((s) => s.customer === portal.customer);
    const rows = subscriptions
      .map(
        (s) =>
          `<li>${escapeHtml(s.items.data.map((i) => i.price.product).join(" + "))}: ${escapeHtml(s.status)}</li>`,
      )
      .join("");
    return c.html(
      page(
        "Billing",
        `<h1>Your subscription</h1><ul>${rows || "<li>None</li>"}</ul>
${portal.return_url ? `<p><a href="${escapeHtml(portal.return_url)}">Return to Ultaura</a></p>` : ""}`,
      ),
    );
  });

  return pages;
}
