import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { preparePath, signRequest } from "../../functions/_shared/contracts/index.ts";

const sessionId = "6f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";

describe("bridge worker routing", () => {
  it("answers health", async () => {
    const response = await SELF.fetch("https://bridge.test/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", durableObjects: true });
  });

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
