import { describe, expect, it } from "vitest";
import { BridgeCallError, type BridgeClient } from "./bridge-client.ts";
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
    insights: unexpected,
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
      event: { type: "tool.failed", callId: "c1", message: "Error: bridge answered 503", retryable: true },
    });
    const refused = client({
      tool: () => Promise.reject(new BridgeCallError("tool", 404, "refused", "bridge tool answered 404")),
    });
    expect(
      await requestBridge(refused, { kind: "tool", callId: "c1", name: "nope", arguments: {} }),
    ).toMatchObject({ event: { type: "tool.failed", retryable: false } });
  });

  it("turns a failed end post into an event the reducer may retry, and a good one into nothing", async () => {
    const summary = {
      endReason: "caller_hangup" as const,
      streamSeconds: 1,
      callerTurns: 0,
      assistantTurns: 0,
      bargeIns: 0,
      toolCalls: 0,
      firstAudioMs: null,
    };
    expect(
      await requestBridge(client({ end: async () => ({ ok: true }) }), { kind: "end", summary, attempt: 1 }),
    ).toBeNull();
    expect(await requestBridge(client({ end: failing }), { kind: "end", summary, attempt: 1 })).toEqual({
      event: { type: "end.failed", attempt: 1, transient: true, summary },
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
