/**
 * The Stripe simulator as a process (`npm start` runs it as a child):
 *   STRIPE_SIM_PORT        default 4030
 *   STRIPE_SECRET_KEY      the key the API accepts (default: any)
 *   STRIPE_WEBHOOK_SECRET  signs webhooks (whsec_…), the same value functions/billing verifies with
 *   STRIPE_WEBHOOK_URL     default $FUNCTIONS_PUBLIC_URL/billing/webhook
 *   STRIPE_PRICE_*, STRIPE_METER_EVENT_NAME  the catalogue (defaults as in .env.example)
 * The seeded paid account's customer and Care subscription exist from the start, its period matching
 * supabase/seed.sql (UTC midnight ten days ago).
 */
import { simulatorCatalogue } from "./catalogue.ts";
import { seededPaidSubscription, startStripeSimulator } from "./server.ts";

const env = process.env;
const port = Number(env.STRIPE_SIM_PORT ?? "4030");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`STRIPE_SIM_PORT must be a port number, got "${env.STRIPE_SIM_PORT}"`);
  process.exit(1);
}
const functionsUrl = (env.FUNCTIONS_PUBLIC_URL ?? "http://127.0.0.1:54321/functions/v1").replace(/\/+$/, "");
const catalogue = simulatorCatalogue(env);

const simulator = await startStripeSimulator({
  port,
  catalogue,
  webhookUrl: env.STRIPE_WEBHOOK_URL ?? `${functionsUrl}/billing/webhook`,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? "whsec_local_simulator_webhook_secret",
  secretKey: env.STRIPE_SECRET_KEY || null,
  seed: [seededPaidSubscription(catalogue)],
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
