import type { SimulatorCommand } from "../cli-kit.ts";
import type { Delivery } from "./webhooks.ts";

const simUrl = () =>
  process.env.STRIPE_SIM_URL ?? `http://127.0.0.1:${process.env.STRIPE_SIM_PORT ?? "4030"}`;

const actions: Record<string, { path: (arg: string) => string; body: (arg: string) => object }> = {
  complete: { path: (id) => `/_sim/checkout/${encodeURIComponent(id)}/complete`, body: () => ({}) },
  "invoice-paid": { path: () => "/_sim/invoice-paid", body: (account) => ({ account }) },
  "payment-failed": { path: () => "/_sim/payment-failed", body: (account) => ({ account }) },
};

/**
 * `npm run sim -- stripe complete <checkoutSessionId>` pays a checkout as the hosted page would;
 * `npm run sim -- stripe invoice-paid <account>` renews (a new cycle); `stripe payment-failed <account>`
 * declines the renewal. `<account>` is our account id, or a Stripe subscription or customer id.
 */
export const stripeCommands: Record<string, SimulatorCommand> = {
  stripe: {
    usage:
      "stripe complete <checkoutSessionId> | stripe invoice-paid <account> | stripe payment-failed <account>",
    summary: "drive the running Stripe simulator; it sends the signed webhooks to functions/billing",
    async run(args) {
      const [name, arg] = args;
      const action = name ? actions[name] : undefined;
      if (!action || !arg) {
        console.error(`usage: npm run sim -- ${stripeCommands.stripe?.usage}`);
        return 2;
      }
      const response = await fetch(`${simUrl()}${action.path(arg)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(action.body(arg)),
      });
      const body = (await response.json()) as { deliveries?: Delivery[]; error?: { message: string } };
      if (!response.ok) {
        console.error(body.error?.message ?? `simulator answered ${response.status}`);
        return 1;
      }
      for (const d of body.deliveries ?? [])
        console.log(`${d.type} ${d.eventId} → ${d.status || "not delivered"}`);
      return (body.deliveries ?? []).every((d) => d.status >= 200 && d.status < 300) ? 0 : 1;
    },
  },
};
