import { createClient } from "@supabase/supabase-js";
import { config } from "./config.ts";

/** The one Supabase client: the same auth code talks to Supabase Auth in production and the local gateway. */
export const supabase = createClient(config.supabaseUrl, config.supabaseAnonKey || "local-anon-key-missing", {
  auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
});
