import { describe, expect, it } from "vitest";
import { connectGrok, type UpgradeResponse } from "./client.ts";

class FakeSocket {
  accepted = false;
  closed: number | null = null;
  accept() {
    this.accepted = true;
  }
  close(code?: number) {
    this.closed = code ?? 1005;
  }
}

function respond(response: UpgradeResponse<FakeSocket>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = async (url: string, init: { headers: Record<string, string> }) => {
    calls.push({ url, headers: init.headers });
    return response;
  };
  return { fetch, calls };
}

describe("connectGrok", () => {
  it("upgrades over http(s) with the key in a header and accepts the socket", async () => {
    const socket = new FakeSocket();
    const { fetch, calls } = respond({ status: 101, webSocket: socket, text: async () => "" });
    const result = await connectGrok({ url: "wss://api.x.ai/v1/realtime?model=m", apiKey: "k1", fetch });
    expect(result).toEqual({ ok: true, socket });
    expect(socket.accepted).toBe(true);
    expect(calls).toEqual([
      {
        url: "https://api.x.ai/v1/realtime?model=m",
        headers: { Upgrade: "websocket", Authorization: "Bearer k1" },
      },
    ]);
    expect(calls[0]?.url).not.toContain("k1");
  });

  it("reports a refusal with its status and a short body", async () => {
    const { fetch } = respond({ status: 503, webSocket: null, text: async () => "x".repeat(500) });
    const result = await connectGrok({ url: "ws://127.0.0.1:1/v1/realtime", apiKey: "k", fetch });
    expect(result).toEqual({ ok: false, failure: { kind: "refused", status: 503, body: "x".repeat(200) } });
  });

  it("reports network failures and a 101 without a socket", async () => {
    const failing = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    expect(await connectGrok({ url: "ws://h/", apiKey: "k", fetch: failing })).toEqual({
      ok: false,
      failure: { kind: "network", message: "connect ECONNREFUSED" },
    });
    const { fetch } = respond({ status: 101, webSocket: null, text: async () => "" });
    expect(await connectGrok({ url: "ws://h/", apiKey: "k", fetch })).toEqual({
      ok: false,
      failure: { kind: "no_socket", status: 101 },
    });
  });

  it("closes a socket that arrives after the call ended", async () => {
    const socket = new FakeSocket();
    const { fetch } = respond({ status: 101, webSocket: socket, text: async () => "" });
    const controller = new AbortController();
    controller.abort();
    const result = await connectGrok({ url: "ws://h/", apiKey: "k", fetch, signal: controller.signal });
    expect(result).toEqual({ ok: false, failure: { kind: "aborted" } });
    expect(socket.closed).toBe(1000);
  });
});
