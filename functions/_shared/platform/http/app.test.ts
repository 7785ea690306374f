import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { createFunctionApp } from "./app.ts";
import { healthHandler } from "./health.ts";

function testApp(lines: string[] = []) {
  const app = createFunctionApp({
    name: "demo",
    log: createLogger({}, "debug", (line) => lines.push(line)),
    maxBodyBytes: 64,
  });
  app.post("/echo", async (c) => c.json({ length: (await c.req.text()).length }));
  app.get("/refused", () => {
    throw new AppError(409, "already_done", "That was already done.");
  });
  app.get("/broken", () => {
    throw new Error("database password is hunter2");
  });
  return app;
}

describe("createFunctionApp", () => {
  it("serves under the function's base path", async () => {
    const response = await testApp().request("/demo/echo", { method: "POST", body: "hello" });
    expect(await response.json()).toEqual({ length: 5 });
  });

  it("refuses bodies over the limit with 413 and a JSON error", async () => {
    const response = await testApp().request("/demo/echo", { method: "POST", body: "x".repeat(65) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("maps coded errors to their status and code", async () => {
    const response = await testApp().request("/demo/refused");
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "already_done", message: "That was already done." },
    });
  });

  it("hides unknown errors behind a generic 500 and logs them once with the request id", async () => {
    const lines: string[] = [];
    const response = await testApp(lines).request("/demo/broken", { headers: { "x-request-id": "req-123" } });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain("hunter2");
    expect(JSON.parse(body)).toEqual({
      error: { code: "internal", message: "Something went wrong on our side." },
    });
    const errors = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: "req-123", message: "unhandled error" });
  });

  it("puts a request id on every log line and on the response", async () => {
    const lines: string[] = [];
    const response = await testApp(lines).request("/demo/nowhere");
    expect(response.status).toBe(404);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((line) => JSON.parse(line).requestId)).toEqual(lines.map(() => requestId));
  });

  it("echoes a client's x-request-id only when it is 1–64 letters, digits or hyphens", async () => {
    const forged = ['abc"{"level":"error"}', "a".repeat(65), "id with spaces", "ids/../x", ""];
    for (const given of forged) {
      const lines: string[] = [];
      const response = await testApp(lines).request("/demo/nowhere", { headers: { "x-request-id": given } });
      const requestId = response.headers.get("x-request-id");
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(lines.join("\n")).not.toContain(given || "never-empty");
    }
    const response = await testApp().request("/demo/nowhere", {
      headers: { "x-request-id": `Ab-${"9".repeat(61)}` },
    });
    expect(response.headers.get("x-request-id")).toBe(`Ab-${"9".repeat(61)}`);
  });
});

describe("healthHandler", () => {
  const app = createFunctionApp({ name: "demo", log: createLogger({}, "error", () => {}) });
  const pass = async () => ({ ok: true, latencyMs: 1 });
  const fail = async () => Promise.reject(new Error("down"));
  app.get("/ok", healthHandler("demo", { database: pass, stripe: { run: fail, deep: true } }));
  app.get("/degraded", healthHandler("demo", { database: pass, twilioCredentials: { run: fail } }));
  app.get("/bad", healthHandler("demo", { database: fail }));

  it("answers healthy (200) when every check passes, each with its latency; deep checks only with ?deep=1", async () => {
    const ok = await app.request("/demo/ok");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      status: "healthy",
      function: "demo",
      deep: false,
      checks: { database: { ok: true, latencyMs: 1, critical: true } },
    });
    const deep = await app.request("/demo/ok?deep=1");
    expect(deep.status).toBe(200);
    expect(await deep.json()).toMatchObject({
      status: "degraded",
      deep: true,
      checks: { stripe: { ok: false, detail: "unreachable", critical: false } },
    });
  });

  it("answers degraded (200) when a non-critical check fails and unhealthy (503) when a critical one does", async () => {
    const degraded = await app.request("/demo/degraded");
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({ status: "degraded" });
    const bad = await app.request("/demo/bad");
    expect(bad.status).toBe(503);
    const body = (await bad.json()) as { status: string; checks: { database: { latencyMs: number } } };
    expect(body).toMatchObject({
      status: "unhealthy",
      checks: { database: { ok: false, detail: "unreachable", critical: true } },
    });
    expect(typeof body.checks.database.latencyMs).toBe("number");
  });
});
