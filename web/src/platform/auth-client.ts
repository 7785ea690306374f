import { AuthClient } from "@supabase/auth-js";
import { config } from "./config.ts";

const anonKey = config.supabaseAnonKey || "local-anon-key-missing";

/**
 * The one Supabase Auth client: the same code talks to Supabase Auth in production and the local gateway.
 * It is `@supabase/auth-js`, the client `supabase-js` builds `supabase.auth` from, set up as `createClient`
 * sets it up (the project's `/auth/v1`, the anon key's headers, the same storage key, so sessions carry
 * over). The app uses Supabase for sign-in only; the whole `supabase-js` would add its database, storage,
 * realtime and functions clients — a quarter of the first download on a phone — unused.
 */
export const authClient = new AuthClient({
  url: new URL("auth/v1", `${config.supabaseUrl.replace(/\/$/, "")}/`).href,
  headers: { Authorization: `Bearer ${anonKey}`, apikey: anonKey },
  storageKey: `sb-${new URL(config.supabaseUrl).hostname.split(".")[0]}-auth-token`,
  persistSession: true,
  autoRefreshToken: true,
  detectSessionInUrl: false,
});
