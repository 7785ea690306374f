import { createClient } from "@supabase/supabase-js";
import { describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { SEED } from "../../supabase/seed-ids.ts";

/**
 * The family side of the running stack: supabase-js against the local gateway's Auth (Deno, as `npm start`
 * serves it), its token accepted by functions/api, CORS as the gateway answers it, and a line verified with
 * the code the Twilio simulator sent, with rate limits kept by the Upstash simulator.
 */
const { urls, env } = inject("stack");
const gateway = urls.functions.replace(/\/functions\/v1$/, "");

const supabase = () =>
  createClient(gateway, env.SUPABASE_ANON_KEY ?? "", {
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

interface ApiBody {
  id?: string;
  line?: Record<string, unknown>;
  [key: string]: unknown;
}

const api = (token: string) => async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${urls.functions}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
};

describe("the family API on the running stack", () => {
  it("signs a seeded user in with supabase-js and SEED_USER_PASSWORD, and the api knows them", async () => {
    const { data, error } = await supabase().auth.signInWithPassword({
      email: SEED.users.demo.email,
      password: env.SEED_USER_PASSWORD ?? "",
    });
    expect(error).toBeNull();
    const me = await api(data.session?.access_token ?? "")("GET", "/me");
    expect(me.body).toMatchObject({
      user: { id: SEED.users.demo.id },
      // Other end-to-end tests on the same stack may add the demo user to further accounts.
      accounts: expect.arrayContaining([expect.objectContaining({ id: SEED.accounts.demo, role: "owner" })]),
    });
  });

  it("signs up with supabase-js, starts a trial, adds a line and verifies it with the simulator's code", async () => {
    const email = `e2e-${Date.now()}@example.com`;
    const { data, error } = await supabase().auth.signUp({ email, password: "a long enough password" });
    expect(error).toBeNull();
    const call = api(data.session?.access_token ?? "");
    expect((await call("POST", "/accounts", { name: "E2E Family" })).status).toBe(201);
    const phone = `+1555555${String(Date.now() % 10_000).padStart(4, "0")}`;
    const line = await call("POST", "/lines", { displayName: "Rosa", phone, timezone: "America/Chicago" });
    expect(line.status).toBe(201);
    expect(
      (await call("POST", `/lines/${String(line.body.id)}/verify/send`, { channel: "sms" })).status,
    ).toBe(202);
    const codes = await fetch(`${urls.twilioApi}/_sim/verify/codes?to=${encodeURIComponent(phone)}`);
    const { codes: sent } = (await codes.json()) as { codes: { code: string }[] };
    const checked = await call("POST", `/lines/${String(line.body.id)}/verify/check`, {
      code: sent[0]?.code,
      consentAttested: true,
    });
    expect(checked.status).toBe(200);
    expect(checked.body.line).toMatchObject({ phoneVerified: true, status: "active" });
  });

  it("answers CORS preflights for the web app's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${urls.functions}/api/me`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
    const allowed = await preflight(urls.web);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(urls.web);
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});
