/**
 * The secrets `.env.example` publishes for local use. A deployment that still carries one of them is
 * open to anyone who read the repository, so the functions and the Worker refuse to start when a secret
 * equals its example value while a public URL of theirs is not local (example-secrets.test.ts keeps this
 * list equal to `.env.example`).
 */
export const EXAMPLE_SECRETS: Readonly<Record<string, string>> = {
  PREPARE_SIGNING_SECRET: "local-prepare-signing-secret-change-me",
  BRIDGE_REQUEST_SECRET: "local-bridge-request-secret-change-me",
  STREAM_TOKEN_SECRET: "local-stream-token-secret-change-me",
  SUPABASE_JWT_SECRET: "super-secret-jwt-token-with-at-least-32-characters-long",
  MEMORY_KEK: "JLbibiMTkVCzTtgPyMKhYgunYmXDXQ6atPdSF9zHArA=",
  TWILIO_AUTH_TOKEN: "local-twilio-auth-token",
  TWILIO_API_KEY_SECRET: "local-twilio-api-key-secret",
  XAI_API_KEY: "xai-local-simulator-key",
  STRIPE_SECRET_KEY: "sk_test_local_simulator",
  STRIPE_WEBHOOK_SECRET: "whsec_local_simulator_webhook_secret",
  QSTASH_TOKEN: "local-qstash-token",
  QSTASH_CURRENT_SIGNING_KEY: "sig_local_current_signing_key",
  QSTASH_NEXT_SIGNING_KEY: "sig_local_next_signing_key",
  UPSTASH_REDIS_REST_TOKEN: "local-upstash-token",
};

/** Hosts that only this machine can reach. */
function isLocalUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
    return (
      host === "localhost" ||
      host === "::1" ||
      /^127\.\d+\.\d+\.\d+$/.test(host) ||
      host.endsWith(".localhost")
    );
  } catch {
    return false;
  }
}

/**
 * The names (never the values) of the secrets in `env` that still equal their example value, when any of
 * `publicUrls` (the deployment's own addresses; absent ones ignored) is not local. Empty when all is well.
 */
export function exampleSecretsInUse(
  env: Readonly<Record<string, unknown>>,
  publicUrls: ReadonlyArray<string | undefined>,
): string[] {
  const urls = publicUrls.filter((url): url is string => typeof url === "string" && url !== "");
  if (urls.every(isLocalUrl)) return [];
  return Object.entries(EXAMPLE_SECRETS)
    .filter(([name, example]) => env[name] === example)
    .map(([name]) => name);
}
