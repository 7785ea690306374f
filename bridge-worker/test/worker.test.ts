import { env, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  FALLBACK_WORDS,
  preparePath,
  signRequest,
  WORKER_ROUTES,
  workerPublicUrl,
} from "../../functions/_shared/contracts/index.ts";
import { workerHealth } from "../src/shell/health.ts";
import { twilioSignature } from "../src/twilio/signature.ts";

const sessionId = "6f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("bridge worker routing", () => {
  it("refuses a media stream that is not a WebSocket upgrade", async () => {
    const response = await SELF.fetch(`https://bridge.test/media-stream/${sessionId}`);
    expect(response.status).toBe(426);
  });

  it("refuses unknown ids and routes with a JSON error", async () => {
    const bad = await SELF.fetch("https://bridge.test/media-stream/not-a-uuid", {
      headers: { Upgrade: "websocket" },
    });
    expect(bad.status).toBe(404);
    const unknown = await SELF.fetch("https://bridge.test/nope");
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: "No such route." } });
  });

  it("refuses an unsigned or wrongly signed prepare", async () => {
    const unsigned = await SELF.fetch(`https://bridge.test/calls/${sessionId}/prepare`, {
      method: "POST",
      body: "{}",
    });
    expect(unsigned.status).toBe(403);
    const headers = await signRequest("another-secret", "prepare", {
      method: "POST",
      path: preparePath(sessionId),
      body: "{}",
    });
    const forged = await SELF.fetch(`https://bridge.test/calls/${sessionId}/prepare`, {
      method: "POST",
      body: "{}",
      headers,
    });
    expect(forged.status).toBe(403);
  });

  it("refuses a signed prepare whose body breaks the contract or names another call", async () => {
    for (const body of ["not json", JSON.stringify({ callSessionId: crypto.randomUUID() })]) {
      const response = await SELF.fetch(`https://bridge.test/calls/${sessionId}/prepare`, {
        method: "POST",
        body,
        headers: await signRequest(env.PREPARE_SIGNING_SECRET, "prepare", {
          method: "POST",
          path: preparePath(sessionId),
          body,
        }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_body" } });
    }
  });

  it("refuses a prepare signed for another call's path, and a replayed prepare", async () => {
    const session = crypto.randomUUID();
    const other = crypto.randomUUID();
    const body = JSON.stringify({ callSessionId: other });
    // A captured prepare for `other`, re-posted to `session`'s path: the signature names other's path.
    const captured = await signRequest(env.PREPARE_SIGNING_SECRET, "prepare", {
      method: "POST",
      path: preparePath(other),
      body,
    });
    const moved = await SELF.fetch(`https://bridge.test${preparePath(session)}`, {
      method: "POST",
      body,
      headers: captured,
    });
    expect(moved.status).toBe(403);

    const own = JSON.stringify({ callSessionId: session });
    const headers = await signRequest(env.PREPARE_SIGNING_SECRET, "prepare", {
      method: "POST",
      path: preparePath(session),
      body: own,
    });
    const send = () =>
      SELF.fetch(`https://bridge.test${preparePath(session)}`, { method: "POST", body: own, headers });
    expect((await send()).status).toBe(202);
    const replay = await send();
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: "replayed_request" } });
  });
});

describe("the Worker's /health", () => {
  const bridgeHealthUrl = `${env.FUNCTIONS_URL}/bridge/health`;
  /** functions/bridge's /health as the test sets it; anything else asked of the network fails the test. */
  function functionsBridge(answer: () => Response | Promise<Response>) {
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
      const url = new Request(input).url;
      asked.push(url);
      if (url !== bridgeHealthUrl) throw new TypeError(`unexpected fetch ${url}`);
      return answer();
    });
    return asked;
  }

  it("is healthy with its secrets set and functions/bridge healthy, with each check's latency", async () => {
    const asked = functionsBridge(() => Response.json({ status: "healthy", function: "bridge" }));
    const response = await SELF.fetch("https://bridge.test/health");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "healthy",
      component: "bridge-worker",
      checks: {
        secrets: { ok: true },
        functionsBridge: { ok: true },
        durableObjects: { ok: true },
      },
    });
    expect(
      typeof (body.checks as { functionsBridge: { latencyMs: unknown } }).functionsBridge.latencyMs,
    ).toBe("number");
    expect(asked).toEqual([bridgeHealthUrl]);
  });

  it("is unhealthy (503) when functions/bridge cannot be reached or is unhealthy", async () => {
    functionsBridge(() => {
      throw new TypeError("connection refused");
    });
    const down = await SELF.fetch("https://bridge.test/health");
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: "unhealthy",
      checks: { functionsBridge: { ok: false, detail: "unreachable" }, secrets: { ok: true } },
    });
    functionsBridge(() => Response.json({ status: "unhealthy" }, { status: 503 }));
    const sick = await SELF.fetch("https://bridge.test/health");
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ checks: { functionsBridge: { detail: "answered 503" } } });
  });

  it("is degraded when functions/bridge reports itself degraded", async () => {
    functionsBridge(() => Response.json({ status: "degraded" }));
    const response = await SELF.fetch("https://bridge.test/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "degraded",
      checks: { functionsBridge: { ok: false, detail: "reports degraded" } },
    });
  });

  it("is unhealthy when a secret is missing, naming it and never a value", async () => {
    const asked = functionsBridge(() => Response.json({ status: "healthy" }));
    const health = await workerHealth({ ...env, XAI_API_KEY: "" }, fetch);
    expect(health.status).toBe("unhealthy");
    expect(health.checks.secrets).toMatchObject({
      ok: false,
      detail: expect.stringContaining("XAI_API_KEY"),
    });
    expect(JSON.stringify(health)).not.toContain(env.BRIDGE_REQUEST_SECRET);
    expect(asked).toEqual([]);
  });
});

describe("the Worker's fallback TwiML (the number's fallback URL)", () => {
  const url = workerPublicUrl(env.BRIDGE_PUBLIC_URL, WORKER_ROUTES.voiceFallback);
  const params = {
    CallSid: "CA1234567890abcdef1234567890abcdef",
    AccountSid: env.TWILIO_ACCOUNT_SID,
    From: "+15551230000",
    To: "+15559870000",
    ErrorCode: "11200",
  };

  it("speaks the copy module's sentence in English and Spanish, then hangs up, when Twilio signed it", async () => {
    const response = await SELF.fetch("https://bridge.test/twilio/voice-fallback", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": await twilioSignature(env.TWILIO_AUTH_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/xml");
    const xml = await response.text();
    const [english, spanish] = FALLBACK_WORDS;
    expect(xml).toContain(`<Say language="en-US">${english?.sentences[0]?.replaceAll("'", "&apos;")}</Say>`);
    expect(xml).toContain(`<Say language="es-US">${spanish?.sentences[0]}</Say>`);
    expect(xml).toMatch(/<Hangup\/><\/Response>$/);
  });
});
