import { z } from "zod";
import {
  e164,
  httpUrl,
  sharedSecret,
  twilioAccountSid,
  twilioAuthToken,
  wsUrl,
} from "../_shared/contracts/config-fields.ts";
import { loadConfig } from "../_shared/platform/config/load.ts";

const schema = z.object({
  TWILIO_ACCOUNT_SID: twilioAccountSid,
  TWILIO_AUTH_TOKEN: twilioAuthToken,
  TWILIO_PHONE_NUMBER: e164,
  FUNCTIONS_PUBLIC_URL: httpUrl,
  BRIDGE_PUBLIC_URL: wsUrl,
  BRIDGE_WORKER_URL: httpUrl,
  /** Signs the warm-start prepare request to the Worker. */
  PREPARE_SIGNING_SECRET: sharedSecret,
  /** Mints the media-stream token the Worker checks. */
  STREAM_TOKEN_SECRET: sharedSecret,
  /** Inbound calls per line per hour whose caller ID is not A-attested; more hear the unknown caller's words. */
  UNATTESTED_CALLS_PER_HOUR: z.coerce.number().int().min(0).max(100).default(3),
});

export type TwilioFunctionConfig = z.infer<typeof schema>;

export function loadTwilioConfig(env: Record<string, string | undefined>): TwilioFunctionConfig {
  return loadConfig(schema, env);
}
