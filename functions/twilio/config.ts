import { z } from "zod";
import { loadConfig } from "../_shared/config/load.ts";

const schema = z.object({
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, "AC followed by 32 hex digits"),
  TWILIO_AUTH_TOKEN: z.string().min(8),
  TWILIO_PHONE_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164"),
  FUNCTIONS_PUBLIC_URL: z.url(),
  BRIDGE_PUBLIC_URL: z.string().regex(/^wss?:\/\//, "a ws:// or wss:// URL"),
  BRIDGE_WORKER_URL: z.url(),
  BRIDGE_SHARED_SECRET: z.string().min(16),
});

export type TwilioFunctionConfig = z.infer<typeof schema>;

export function loadTwilioConfig(env: Record<string, string | undefined>): TwilioFunctionConfig {
  return loadConfig(schema, env);
}
