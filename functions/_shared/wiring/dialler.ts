import { z } from "zod";
import { e164, httpUrl, twilioAccountSid, twilioAuthToken } from "../contracts/config-fields.ts";
import { spendingCapReached } from "../domain/calls/inbound.ts";
import type { DialDeps } from "../domain/dialling/dial.ts";
import { parseCallingHours } from "../domain/scheduling/calling-hours.ts";
import { loadConfig } from "../platform/config/load.ts";
import type { Database, Tx } from "../platform/db.ts";
import { createTwilioRest, type TwilioRest } from "../platform/twilio-rest.ts";

const schema = z.object({
  TWILIO_ACCOUNT_SID: twilioAccountSid,
  TWILIO_AUTH_TOKEN: twilioAuthToken,
  TWILIO_PHONE_NUMBER: e164,
  TWILIO_API_BASE_URL: httpUrl.default("https://api.twilio.com"),
  FUNCTIONS_PUBLIC_URL: httpUrl,
  TWILIO_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(120).default(30),
  CALLING_HOURS_FLOOR: z
    .string()
    .default("08:00-21:00")
    .transform((text, ctx) => {
      try {
        return parseCallingHours(text);
      } catch {
        ctx.addIssue({ code: "custom", message: 'a local window "HH:MM-HH:MM", e.g. 08:00-21:00' });
        return z.NEVER;
      }
    }),
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
    callingHours: config.CALLING_HOURS_FLOOR,
    functionsPublicUrl: config.FUNCTIONS_PUBLIC_URL,
    ringTimeoutSeconds: config.TWILIO_RING_TIMEOUT_SECONDS,
    ...(options.now ? { now: options.now } : {}),
    // Billing's spending cap: a paid account with nothing left under its cap is not rung.
    overageCapReached: options.overageCapReached ?? spendingCapReached,
  };
}
