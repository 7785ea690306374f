import { z } from "zod";
import {
  exampleSecretsInUse,
  httpUrl,
  sharedSecret,
  twilioAccountSid,
  twilioApiKeySid,
  twilioAuthToken,
  wsUrl,
} from "../../functions/_shared/contracts/index.ts";

/**
 * The Worker's bindings: the `Env` type is generated from wrangler.toml by `npm run types:worker`
 * (worker-configuration.d.ts; secrets named in secret-names.env). Its string values are checked once, at
 * first use, into a typed config that names every missing or malformed key and never echoes a value.
 * A Worker that talks to non-local functions refuses `.env.example`'s published secrets.
 */

const schema = z.object({
  /** Base URL of the Edge Functions, e.g. https://<ref>.supabase.co/functions/v1. */
  FUNCTIONS_URL: httpUrl,
  /**
   * The public origin Twilio reaches the media stream at, as functions/twilio puts it in the TwiML
   * (its BRIDGE_PUBLIC_URL, e.g. wss://bridge.example.com): the URL Twilio signs on the upgrade.
   */
  BRIDGE_PUBLIC_URL: wsUrl,
  /** Grok realtime WebSocket URL (the simulator's locally). */
  XAI_REALTIME_URL: wsUrl,
  XAI_MODEL: z.string().min(1),
  /** Twilio REST base URL (the simulator's locally). */
  TWILIO_API_BASE_URL: httpUrl,
  XAI_API_KEY: z.string().min(1),
  TWILIO_ACCOUNT_SID: twilioAccountSid,
  /** REST credential (an API key, not the auth token that signs Twilio's webhooks). */
  TWILIO_API_KEY_SID: twilioApiKeySid,
  TWILIO_API_KEY_SECRET: z.string().min(8),
  /** Twilio's auth token: only to check Twilio's own signatures, never for REST. */
  TWILIO_AUTH_TOKEN: twilioAuthToken,
  /** Verifies functions/twilio's prepare requests. */
  PREPARE_SIGNING_SECRET: sharedSecret,
  /** Signs our requests to functions/bridge. */
  BRIDGE_REQUEST_SECRET: sharedSecret,
  /** Verifies the media-stream tokens functions/twilio mints. */
  STREAM_TOKEN_SECRET: sharedSecret,
});

export type BridgeConfig = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

const checked = new WeakMap<object, BridgeConfig>();

export function bridgeConfig(env: Env): BridgeConfig {
  const cached = checked.get(env);
  if (cached) return cached;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const values = env as unknown as Record<string, unknown>;
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join(".");
      return values[key] === undefined || values[key] === "" ? `${key} is missing` : `${key} is invalid`;
    });
    throw new ConfigError(`Worker configuration incomplete: ${problems.join("; ")}.`);
  }
  const examples = exampleSecretsInUse(env as unknown as Record<string, unknown>, [
    parsed.data.FUNCTIONS_URL,
  ]);
  if (examples.length > 0) {
    throw new ConfigError(
      `Refusing to start: ${examples.join(", ")} still equal .env.example's published values while FUNCTIONS_URL is not local.`,
    );
  }
  checked.set(env, parsed.data);
  return parsed.data;
}
