import { z } from "zod";
import {
  e164,
  httpUrl,
  sharedSecret,
  twilioAccountSid,
  twilioAuthToken,
  voiceId,
} from "../_shared/contracts/config-fields.ts";
import { loadConfig } from "../_shared/platform/config/load.ts";

const schema = z.object({
  /** Verifies the Worker's signed requests. */
  BRIDGE_REQUEST_SECRET: sharedSecret,
  MEMORY_KEK: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "base64 of 32 bytes"),
  MEMORY_KEK_VERSION: z.string().regex(/^[1-9][0-9]{0,8}$/, "a positive integer"),
  MEMORY_KEK_PREVIOUS: z.string().optional(),
  TWILIO_ACCOUNT_SID: twilioAccountSid,
  TWILIO_AUTH_TOKEN: twilioAuthToken,
  TWILIO_PHONE_NUMBER: e164,
  TWILIO_API_BASE_URL: httpUrl.default("https://api.twilio.com"),
  XAI_VOICE: voiceId.default("ara"),
  /** Longest an unattested inbound call may talk (the caller ID may be spoofed), in seconds. */
  UNATTESTED_CALL_MAX_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  /** Tests only: the length of a minute in the call's countdown (see calls/minute-length.ts). */
  BRIDGE_MINUTE_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
});

export type BridgeFunctionConfig = z.infer<typeof schema>;

export function loadBridgeConfig(env: Record<string, string | undefined>): BridgeFunctionConfig {
  return loadConfig(schema, env);
}
