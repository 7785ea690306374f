import { randomUUID } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import { describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { SEED } from "../../supabase/seed-ids.ts";
import { apiClient, phoneNumber } from "../support/kit.ts";

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

/** The web app's typed client, over HTTP to the running gateway. */
const api = (token: string) => apiClient(urls.functions, token);

describe("the family API on the running stack", () => {
  it("signs a seeded user in with supabase-js and SEED_USER_PASSWORD, and the api knows them", async () => {
    const { data, error } = await supabase().auth.signInWithPassword({
      email: SEED.users.demo.email,
      password: env.SEED_USER_PASSWORD ?? "",
    });
    expect(error).toBeNull();
    const me = await api(data.session?.access_token ?? "").me.$get();
    expect(await me.json()).toMatchObject({
      user: { id: SEED.users.demo.id },
      // Other end-to-end tests on the same stack may add the demo user to further accounts.
      accounts: expect.arrayContaining([expect.objectContaining({ id: SEED.accounts.demo, role: "owner" })]),
    });
  });

  it("signs up with supabase-js, starts a trial, adds a line and verifies it with the simulator's code", async () => {
    const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
    const { data, error } = await supabase().auth.signUp({ email, password: "a long enough password" });
    expect(error).toBeNull();
    const client = api(data.session?.access_token ?? "");
    expect((await client.accounts.$post({ json: { name: "E2E Family" } })).status).toBe(201);
    const phone = phoneNumber();
    const created = await client.lines.$post({
      query: {},
      json: { displayName: "Rosa", phone, timezone: "America/Chicago" },
    });
    expect(created.status).toBe(201);
    const line = { param: { id: ((await created.json()) as { id: string }).id } };
    expect((await client.lines[":id"].verify.send.$post({ ...line, json: { channel: "sms" } })).status).toBe(
      202,
    );
    const codes = await fetch(`${urls.twilioApi}/_sim/verify/codes?to=${encodeURIComponent(phone)}`);
    const { codes: sent } = (await codes.json()) as { codes: { code: string }[] };
    const checked = await client.lines[":id"].verify.check.$post({
      ...line,
      json: { code: sent[0]?.code ?? "", consentAttested: true },
    });
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({ line: { phoneVerified: true, status: "active" } });
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
