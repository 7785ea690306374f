import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";

const { urls, databaseUrl } = inject("stack");

describe("the local stack, started as npm start starts it", () => {
  it.each(["twilio", "api", "bridge", "billing", "scheduler"])(
    "functions/%s answers health with the database's latency",
    async (name) => {
      const response = await fetch(`${urls.functions}/${name}/health`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = (await response.json()) as { checks: { database: { latencyMs: number } } };
      expect(body).toMatchObject({ status: "healthy", function: name, checks: { database: { ok: true } } });
      expect(body.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
      expect(response.headers.get("x-request-id")).toBeTruthy();
    },
  );

  it("answers unknown function routes with a JSON error", async () => {
    const response = await fetch(`${urls.functions}/api/no-such-route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such route." } });
  });

  it("runs the bridge Worker under wrangler dev", async () => {
    const response = await fetch(`${urls.worker}/health`);
    expect(response.status).toBe(200);
    // Its own checks pass; "degraded" only says functions/bridge answered slowly on a loaded machine.
    expect(await response.json()).toMatchObject({
      checks: { secrets: { ok: true }, functionsBridge: { ok: true }, durableObjects: { ok: true } },
    });
  });

  it("serves the web app, whose proxy reaches the functions", async () => {
    const page = await fetch(urls.web);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const proxied = await fetch(`${urls.web}/functions/v1/api/health`);
    expect(proxied.status).toBe(200);
  });

  it.each([
    "worker/health",
    "twilio-sim/_sim/health",
    "grok-sim/_sim/health",
    "qstash-sim/_sim/health",
    "upstash-sim/_sim/health",
    "mail-sim/_sim/health",
  ])("lets the status page reach /local/%s", async (path) => {
    const response = await fetch(`${urls.web}/local/${path}`);
    expect(response.status).toBe(200);
  });

  it("accepts Postgres connections with the migrations applied", async () => {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`select 1 as one`;
      expect(row?.one).toBe(1);
    } finally {
      await sql.end();
    }
  });
});
