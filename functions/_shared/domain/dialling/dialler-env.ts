import { z } from "zod";
import { loadConfig } from "../../platform/config/load.ts";
import type { Database, Tx } from "../../platform/db.ts";
import { createTwilioRest, type TwilioRest } from "../../platform/twilio-rest.ts";
import { spendingCapReached } from "../calls/inbound.ts";
import type { DialDeps } from "./dial.ts";

const schema = z.object({
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, "AC followed by 32 hex digits"),
  TWILIO_AUTH_TOKEN: z.string().min(8),
  TWILIO_PHONE_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164"),
  TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
  FUNCTIONS_PUBLIC_URL: z.url(),
  TWILIO_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(120).default(30),
});

export interface DiallerOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  overageCapReached?: (tx: Tx, accountId: string) => Promise<boolean>;
}

/** The dialler's dependencies from the function's environment (the scheduler's and the family API's). */
export function dialDepsFromEnv(
  db: Database,
  env: Record<string, string | undefined>,
  options: DiallerOptions = {},
): DialDeps & { twilio: TwilioRest } {
  const config = loadConfig(schema, env);
  return {
    db,
    twilio: createTwilioRest({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    fromNumber: config.TWILIO_PHONE_NUMBER,
    functionsPublicUrl: config.FUNCTIONS_PUBLIC_URL,
    ringTimeoutSeconds: config.TWILIO_RING_TIMEOUT_SECONDS,
    ...(options.now ? { now: options.now } : {}),
    // Billing's spending cap: a paid account with nothing left under its cap is not rung.
    overageCapReached: options.overageCapReached ?? spendingCapReached,
  };
}
