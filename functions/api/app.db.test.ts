import SwaggerParser from "@apidevtools/swagger-parser";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { exampleSetting, useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/** The api shell: who gets in, CORS, and the OpenAPI document — with tokens from the local Auth server. */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });
const [ORIGIN = ""] = exampleSetting("ALLOWED_ORIGINS").split(",");

const sign = (claims: Record<string, unknown>, secret = exampleSetting("SUPABASE_JWT_SECRET")) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));

describe("who gets in", () => {
  it("a seeded user signed in with the seed password sees their account", async () => {
    const session = await api.signIn(SEED.users.demo.email);
    const me = await api.request(session.access_token)("GET", "/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: SEED.users.demo.id, email: SEED.users.demo.email },
      accounts: [
        { id: SEED.accounts.demo, name: "Demo Family", role: "owner", status: "trial", planId: "free_trial" },
      ],
    });
  });

  it("a new sign-up has no account until it creates one", async () => {
    const session = await api.signUp("fresh@example.com");
    const me = await api.request(session.access_token)("GET", "/me");
    expect(me.body).toEqual({ user: { id: session.user.id, email: "fresh@example.com" }, accounts: [] });
  });

  it("refuses no token, an expired token, a forged token, a wrong audience and the anon key with 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const user = { sub: SEED.users.demo.id, role: "authenticated", aud: "authenticated" };
    const tokens = [
      undefined,
      await sign({ ...user, iat: now - 7200, exp: now - 3600 }),
      await sign({ ...user, iat: now, exp: now + 3600 }, "another-secret-with-at-least-32-characters!!"),
      await sign({ ...user, aud: "somebody-else", iat: now, exp: now + 3600 }),
      await sign({ iss: "supabase-demo", role: "anon", exp: now + 3600 }),
      "not-a-jwt",
    ];
    for (const token of tokens) {
      const response = await api.request(token)("GET", "/me");
      expect(response.status, String(token)).toBe(401);
      expect(response.body).toEqual({ error: { code: "unauthorized", message: "Please sign in again." } });
    }
  });

  it("keeps /health and /openapi.json public; health reports the rate limiter's Redis (unreachable here)", async () => {
    // Redis down leaves the API degraded (verification codes and test calls refused), not unhealthy.
    const health = await api.request()("GET", "/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "degraded",
      checks: { database: { ok: true, critical: true }, rateLimits: { ok: false, critical: false } },
    });
    expect((await api.request()("GET", "/openapi.json")).status).toBe(200);
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    api.app.request("/api/me", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });

  it("answers a preflight from an allowed origin with that origin, never *", async () => {
    const response = await preflight(ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it("allows from the web app's origin every method the OpenAPI document lists", async () => {
    const document = (await api.request()("GET", "/openapi.json")).body;
    const methods = new Set<string>();
    for (const item of Object.values(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) methods.add(method.toUpperCase());
    }
    expect(methods).toContain("PUT");
    for (const method of methods) {
      const response = await api.app.request("/api/me", {
        method: "OPTIONS",
        headers: { origin: ORIGIN, "access-control-request-method": method },
      });
      expect(response.headers.get("access-control-allow-origin"), method).toBe(ORIGIN);
      expect(response.headers.get("access-control-allow-methods")?.split(","), method).toContain(method);
    }
  });

  it("gives an unlisted origin no Access-Control-Allow-Origin, on preflights and on refusals", async () => {
    const response = await preflight("https://evil.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const refused = await api.request()("GET", "/me", undefined, { origin: "https://evil.example" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await api.request()("GET", "/me", undefined, { origin: ORIGIN });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });
});

describe("OpenAPI", () => {
  it("validates and lists every signed-in route the app serves", async () => {
    const document = (await api.request()("GET", "/openapi.json")).body;
    await SwaggerParser.validate(structuredClone(document));
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(
      api.app.routes
        .filter((route) => route.method !== "ALL" && !/\/(health|openapi\.json)$/.test(route.path))
        .map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`),
    );
    expect(served.size).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual([...served].sort());
  });
});

describe("routing", () => {
  it("answers an unknown path with 404 whether or not the caller is signed in", async () => {
    const anonymous = await api.request()("GET", "/no-such-route");
    expect(anonymous.status).toBe(404);
    expect(anonymous.body).toEqual({ error: { code: "not_found", message: "No such route." } });
    const session = await api.signIn(SEED.users.demo.email);
    expect((await api.request(session.access_token)("PUT", "/me")).status).toBe(404);
  });
});
