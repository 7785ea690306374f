import { randomUUID } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import { expect, inject } from "vitest";
import WebSocket from "ws";
import { eventually } from "./eventually.ts";

/** supabase-js on the running stack's Auth, made as the web app makes it but keeping no session. */
function stackSupabase() {
  const { urls, env } = inject("stack");
  return createClient(new URL(urls.functions).origin, env.SUPABASE_ANON_KEY ?? "", {
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/** A seeded user's access token from the stack's Auth (signed in with the seed password). */
export async function seededUserToken(email: string): Promise<string> {
  const { data } = await stackSupabase().auth.signInWithPassword({
    email,
    password: inject("stack").env.SEED_USER_PASSWORD ?? "",
  });
  return data.session?.access_token ?? "";
}

/** A new user signed up on the stack's Auth as `<prefix>-<8 random>@example.com`: e-mail, password, token. */
export async function signUpOnStack(prefix: string) {
  const email = `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
  const password = "a-long-enough-password";
  const { data, error } = await stackSupabase().auth.signUp({ email, password });
  expect(error).toBeNull();
  return { email, password, token: data.session?.access_token as string };
}

/** The pending code the stack's Twilio simulator "sent" to `phone`, as `npm run sim -- codes` shows it. */
export function verifyCodeSentTo(phone: string): Promise<string> {
  const { urls } = inject("stack");
  return eventually(
    async () => {
      const response = await fetch(`${urls.twilioApi}/_sim/verify/codes?to=${encodeURIComponent(phone)}`);
      const { codes } = (await response.json()) as { codes: { code: string; status: string }[] };
      return codes.find((c) => c.status === "pending")?.code ?? "";
    },
    { timeoutMs: 15_000 },
  );
}
