import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
} from "../../tests/support/kit.ts";

const t = useTestDatabase();
const bridge = useBridgeApp(t, { roseSession: true });

const memoryCount = async () =>
  (await t.db.sql<{ n: number }[]>`select count(*)::int as n from public.ultaura_memories`)[0]?.n;
const nonceCount = async () =>
  (await t.db.sql<{ n: number }[]>`select count(*)::int as n from public.ultaura_bridge_request_nonces`)[0]
    ?.n;

const storeArgs = { text: "Rose's neighbour Ann brings soup on Fridays", kind: "person" };

describe("bridge request authentication", () => {
  it("accepts a correctly signed request for a live session", async () => {
    const { response } = await bridgePost(bridge.app, `sessions/${bridge.session}/minutes`, {});
    expect(response.status).toBe(200);
  });

  it("refuses a wrong signature and changes nothing", async () => {
    const before = await memoryCount();
    const { response, json } = await bridgePost(
      bridge.app,
      `sessions/${bridge.session}/tools/store_memory`,
      {
        callId: "c1",
        arguments: storeArgs,
      },
      { secret: "another-secret-entirely-0000" },
    );
    expect(response.status).toBe(403);
    expect(await json()).toEqual({ error: { code: "invalid_signature", message: expect.any(String) } });
    expect(await memoryCount()).toBe(before);
    expect(await nonceCount()).toBe(0);
  });

  it("refuses missing signature headers", async () => {
    const response = await bridge.app.request(`/bridge/sessions/${bridge.session}/minutes`, {
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(403);
  });

  it("refuses a signature made for another body", async () => {
    const signed = await bridgePost(bridge.app, `sessions/${bridge.session}/minutes`, {});
    const { response } = await bridgePost(
      bridge.app,
      `sessions/${bridge.session}/minutes`,
      { other: true },
      {
        headers: signed.headers,
      },
    );
    expect(response.status).toBe(403);
  });

  it("refuses an expired timestamp", async () => {
    const before = await memoryCount();
    const { response, json } = await bridgePost(
      bridge.app,
      `sessions/${bridge.session}/tools/store_memory`,
      { callId: "c1", arguments: storeArgs },
      { nowSeconds: Math.floor(Date.now() / 1000) - 301 },
    );
    expect(response.status).toBe(403);
    expect((await json()).error).toMatchObject({ code: "signature_expired" });
    expect(await memoryCount()).toBe(before);
  });

  it("takes two requests with identical bodies in the same second, to two sessions and to two routes", async () => {
    const second = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const sent = [
      await bridgePost(bridge.app, `sessions/${bridge.session}/minutes`, {}, { nowSeconds }),
      await bridgePost(bridge.app, `sessions/${second}/minutes`, {}, { nowSeconds }),
      await bridgePost(bridge.app, `sessions/${bridge.session}/context`, {}, { nowSeconds }),
    ];
    expect(sent.map((s) => s.response.status)).toEqual([200, 200, 200]);
    expect(await nonceCount()).toBe(3);
  });

  it("refuses a signature made for one path on another, and changes nothing", async () => {
    const second = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const signed = await bridgePost(bridge.app, `sessions/${bridge.session}/minutes`, {});
    expect(signed.response.status).toBe(200);
    for (const path of [`sessions/${second}/minutes`, `sessions/${bridge.session}/context`]) {
      const moved = await bridgePost(bridge.app, path, {}, { headers: signed.headers });
      expect(moved.response.status).toBe(403);
      expect((await moved.json()).error).toMatchObject({ code: "invalid_signature" });
    }
    expect(await nonceCount()).toBe(1);
  });

  it("refuses a replayed request and does not act twice", async () => {
    const body = { callId: "c1", arguments: storeArgs };
    const first = await bridgePost(bridge.app, `sessions/${bridge.session}/tools/store_memory`, body);
    expect(first.response.status).toBe(200);
    const after = await memoryCount();
    const replay = await bridgePost(bridge.app, `sessions/${bridge.session}/tools/store_memory`, body, {
      headers: first.headers,
    });
    expect(replay.response.status).toBe(409);
    expect((await replay.json()).error).toMatchObject({ code: "replayed_request" });
    expect(await memoryCount()).toBe(after);
  });

  it("refuses unknown and malformed session ids with 404", async () => {
    expect(
      (await bridgePost(bridge.app, "sessions/70000000-0000-4000-8000-0000000000ff/minutes", {})).response
        .status,
    ).toBe(404);
    expect((await bridgePost(bridge.app, "sessions/not-a-uuid/minutes", {})).response.status).toBe(404);
  });

  it("refuses tools on an ended session, leaving rows untouched, but still takes its end report", async () => {
    const ended = SEED.callSessions.low;
    const before = await memoryCount();
    const tool = await bridgePost(bridge.app, `sessions/${ended}/tools/store_memory`, {
      callId: "c1",
      arguments: storeArgs,
    });
    expect(tool.response.status).toBe(409);
    expect((await tool.json()).error).toMatchObject({ code: "session_ended" });
    expect(await memoryCount()).toBe(before);
    expect(await nonceCount()).toBe(0);
    const end = await bridgePost(bridge.app, `sessions/${ended}/end`, {
      endReason: "caller_hangup",
      streamSeconds: 10,
      callerTurns: 1,
      assistantTurns: 1,
      bargeIns: 0,
      toolCalls: 0,
      firstAudioMs: 400,
    });
    expect(end.response.status).toBe(200);
  });

  it("treats a session as ended once the Worker reported its end", async () => {
    const summary = {
      endReason: "caller_hangup",
      streamSeconds: 5,
      callerTurns: 0,
      assistantTurns: 1,
      bargeIns: 0,
      toolCalls: 0,
      firstAudioMs: null,
    };
    expect((await bridgePost(bridge.app, `sessions/${bridge.session}/end`, summary)).response.status).toBe(
      200,
    );
    expect((await bridgePost(bridge.app, `sessions/${bridge.session}/minutes`, {})).response.status).toBe(
      409,
    );
  });

  it("refuses a line id that is not the session's line (403) and changes nothing", async () => {
    const before = await memoryCount();
    const result = await callTool(bridge.app, bridge.session, "store_memory", storeArgs, SEED.lines.paid);
    expect(result.status).toBe(403);
    expect(result.body.error?.code).toBe("line_mismatch");
    expect(await memoryCount()).toBe(before);
  });

  it("answers 404 for an unknown tool and 400 for a body that breaks the contract", async () => {
    expect((await callTool(bridge.app, bridge.session, "launch_rocket", {})).status).toBe(404);
    const bad = await bridgePost(bridge.app, `sessions/${bridge.session}/tools/store_memory`, {
      arguments: storeArgs,
    });
    expect(bad.response.status).toBe(400);
    const notJson = await bridgePost(bridge.app, `sessions/${bridge.session}/transcript`, "{nope");
    expect(notJson.response.status).toBe(400);
  });
});
