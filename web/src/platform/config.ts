/**
 * Build-time settings. Production points VITE_SUPABASE_URL at the Supabase project; locally the stack
 * points it at the local gateway (auth and functions on one port). When it is unset the app uses its own
 * origin, which Vite's dev proxy forwards to the gateway.
 */
const origin = typeof window === "undefined" ? "http://localhost" : window.location.origin;

export const config = {
  supabaseUrl: (import.meta.env.VITE_SUPABASE_URL as string | undefined) || origin,
  supabaseAnonKey: (import.meta.env.VITE_SUPABASE_ANON_KEY as string | undefined) ?? "",
  /** The local stack's status page is only reachable when the app runs against the local stack. */
  localMode: import.meta.env.DEV || import.meta.env.VITE_LOCAL_MODE === "1",
};

export const functionsBaseUrl = `${config.supabaseUrl.replace(/\/$/, "")}/functions/v1`;
