import { describe, expect, it } from "vitest";
import type { BridgeClient } from "./bridge-client.ts";
import { requestBridge } from "./bridge-replies.ts";

const failing = (): Promise<never> => Promise.reject(new Error("bridge answered 503"));

function client(overrides: Partial<BridgeClient>): BridgeClient {
  const unexpected = () => Promise.reject(new Error("not expected in this test"));
  return {
    context: unexpected,
    tool: unexpected,
    transcript: unexpected,
    minutes: unexpected,
    optOut: unexpected,
    end: unexpected,
    event: unexpected,
    ...overrides,
  };
}

describe("requestBridge", () => {
  it("hands a tool's result, or its failure, back to the reducer", async () => {
    const ok = client({ tool: async () => ({ output: { ok: true } }) });
    expect(
      await requestBridge(ok, { kind: "tool", callId: "c1", name: "recall_memory", arguments: {} }),
    ).toEqual({
      event: { type: "tool.result", callId: "c1", result: { output: { ok: true } } },
    });
    const broken = client({ tool: failing });
    expect(
      await requestBridge(broken, { kind: "tool", callId: "c1", name: "recall_memory", arguments: {} }),
    ).toEqual({
      event: { type: "tool.failed", callId: "c1", message: "Error: bridge answered 503" },
    });
  });

  it("tells the reducer whether the opt-out was recorded", async () => {
    expect(await requestBridge(client({ optOut: async () => ({ ok: true }) }), { kind: "optOut" })).toEqual({
      event: { type: "optOut.recorded", ok: true },
    });
    expect(await requestBridge(client({ optOut: failing }), { kind: "optOut" })).toEqual({
      event: { type: "optOut.recorded", ok: false },
    });
  });

  it("only reports failures of the best-effort calls", async () => {
    expect(await requestBridge(client({ transcript: failing }), { kind: "transcript", text: "hi" })).toEqual({
      failure: "transcript_post_failed",
      error: "Error: bridge answered 503",
    });
    expect(await requestBridge(client({ minutes: failing }), { kind: "minutes" })).toMatchObject({
      failure: "minutes_check_failed",
    });
    const minutes = { secondsRemaining: 30, planKind: "trial" as const, hardCutoff: true };
    expect(await requestBridge(client({ minutes: async () => minutes }), { kind: "minutes" })).toEqual({
      event: { type: "minutes.status", minutes },
    });
  });
});
