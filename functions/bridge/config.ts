import { z } from "zod";
import { loadConfig } from "../_shared/config/load.ts";

const schema = z.object({
  BRIDGE_SHARED_SECRET: z.string().min(16),
  MEMORY_KEK: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "base64 of 32 bytes"),
  MEMORY_KEK_VERSION: z.string().regex(/^[1-9][0-9]{0,8}$/, "a positive integer"),
  MEMORY_KEK_PREVIOUS: z.string().optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, "AC followed by 32 hex digits"),
  TWILIO_AUTH_TOKEN: z.string().min(8),
  TWILIO_PHONE_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164"),
  TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
  XAI_VOICE: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, "a Grok voice id")
    .default("ara"),
});

export type BridgeFunctionConfig = z.infer<typeof schema>;

export function loadBridgeConfig(env: Record<string, string | undefined>): BridgeFunctionConfig {
  return loadConfig(schema, env);
}
