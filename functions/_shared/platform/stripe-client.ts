import Stripe from "stripe";

export type StripeClient = Stripe;
export type StripeEvent = Stripe.Event;
export type StripeSubscription = Stripe.Subscription;

/**
 * The official client pointed at STRIPE_API_BASE_URL (the simulator locally, https://api.stripe.com in
 * production). A non-default host replaces every Stripe base, meter events included. The fetch-based HTTP
 * client runs the same on Deno (Edge Functions) and Node (tests).
 */
export function createStripeClient(secretKey: string, baseUrl: string): StripeClient {
  const url = new URL(baseUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/**
 * Verifies `Stripe-Signature` over the raw body and parses the event; throws when the signature is
 * missing, forged or older than Stripe's default tolerance (300 s). SubtleCrypto, so it works on Deno.
 */
export function verifyStripeEvent(
  client: StripeClient,
  rawBody: string,
  signature: string,
  secret: string,
): Promise<StripeEvent> {
  return client.webhooks.constructEventAsync(rawBody, signature, secret, undefined, cryptoProvider);
}
