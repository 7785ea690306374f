import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Listening, listen } from "../../../simulators/listen.ts";
import { SEED } from "../../../supabase/seed-ids.ts";
import { exampleSetting, useApiApp, useTestDatabase } from "../../../tests/support/kit.ts";

/** supabase-js itself, over real HTTP, against the local Auth server: what the web app's auth code does. */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });
const key = exampleSetting("SUPABASE_ANON_KEY");
let http: Listening;
let url: string;

beforeAll(async () => {
  http = await listen(api.auth.fetch);
  url = http.url;
});
afterAll(() => http.close());

const client = () =>
  createClient(url, key, {
    // Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

describe("supabase-js against the local Auth server", () => {
  it("signs up (confirmation off: a session at once), reads the user, refreshes, signs out", async () => {
    const supabase = client();
    const signUp = await supabase.auth.signUp({
      email: "Sibling@Example.com",
      password: "a long enough password",
      options: { data: { full_name: "Sam Sibling" } },
    });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session?.access_token).toBeTruthy();
    expect(signUp.data.user).toMatchObject({
      email: "sibling@example.com",
      aud: "authenticated",
      role: "authenticated",
      user_metadata: { full_name: "Sam Sibling" },
    });

    const user = await supabase.auth.getUser();
    expect(user.data.user?.id).toBe(signUp.data.user?.id);

    const before = signUp.data.session?.refresh_token;
    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(before);

    expect((await supabase.auth.signOut()).error).toBeNull();
    const stale = await client().auth.getUser(refreshed.data.session?.access_token);
    // auth-js turns GoTrue's `session_not_found` into an AuthSessionMissingError.
    expect(stale.data.user).toBeNull();
    expect(stale.error?.name).toBe("AuthSessionMissingError");
  });

  it("signs in a seeded user with SEED_USER_PASSWORD and refuses a wrong password with GoTrue's code", async () => {
    const good = await client().auth.signInWithPassword({
      email: SEED.users.demo.email,
      password: exampleSetting("SEED_USER_PASSWORD"),
    });
    expect(good.error).toBeNull();
    expect(good.data.user?.id).toBe(SEED.users.demo.id);
    const bad = await client().auth.signInWithPassword({
      email: SEED.users.demo.email,
      password: "wrong password",
    });
    expect(bad.data.session).toBeNull();
    expect(bad.error?.status).toBe(400);
    expect(bad.error?.code).toBe("invalid_credentials");
  });

  it("refuses a second sign-up for the same e-mail and a short password", async () => {
    const again = await client().auth.signUp({ email: SEED.users.demo.email, password: "whatever123" });
    expect(again.error?.code).toBe("user_already_exists");
    const weak = await client().auth.signUp({ email: "weak@example.com", password: "123" });
    expect(weak.error?.code).toBe("weak_password");
  });

  it("refuses requests without the API key", async () => {
    const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: SEED.users.demo.email, password: exampleSetting("SEED_USER_PASSWORD") }),
    });
    expect(response.status).toBe(401);
  });
});
