import type { CallBridge } from "./call-bridge.ts";

/** Bindings and variables of the bridge Worker (wrangler.toml [vars] plus secrets). */
export interface Env {
  CALL_BRIDGE: DurableObjectNamespace<CallBridge>;
  /** Base URL of the Edge Functions, e.g. https://<ref>.supabase.co/functions/v1. */
  FUNCTIONS_URL: string;
  /** Grok realtime WebSocket URL (the simulator's locally). */
  XAI_REALTIME_URL: string;
  XAI_MODEL: string;
  /** Twilio REST base URL (the simulator's locally). */
  TWILIO_API_BASE_URL: string;
  /** Secrets. */
  XAI_API_KEY: string;
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  BRIDGE_SHARED_SECRET: string;
}
