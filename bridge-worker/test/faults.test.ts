import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CONFIG } from "../src/call/index.ts";
import { createEdge, type Edge, SESSION, wireContext } from "./peers.ts";
import { CALL_SID, twilioStream } from "./twilio-stream.ts";

/**
 * Faults on the Worker's hops, each through the Worker and its Durable Object in workerd with the peers at
 * the network edge (./peers.ts): what the caller hears, and that nothing is lost or counted twice. The
 * stall window's edges are the reducer's (src/call/grok-failure.test.ts); a reset object and a Grok drop are
 * in ./restart.test.ts.
 */
const waitLong = { timeout: 15_000, interval: 20 };
type Json = Record<string, unknown>;
const paid = { secondsRemaining: null, planKind: "paid" as const, hardCutoff: false };

afterEach(() => {
  vi.unstubAllGlobals();
});

function asked(edge: Edge): string[] {
  return edge.grokReceived
    .filter((event) => event.type === "response.create")
    .map((event) => (event.response as { instructions?: string } | undefined)?.instructions ?? "");
}

function toolOutputs(edge: Edge): Json[] {
  return edge.grokReceived
    .map((event) => event.item as Json | undefined)
    .filter((item): item is Json => item?.type === "function_call_output")
    .map((item) => JSON.parse(String(item.output)) as Json);
}

describe("faults on the Worker's hops", () => {
  it("Grok refuses every connection: the caller hears the apology through Twilio, one end report", async () => {
    const session = SESSION();
    const edge = createEdge({ context: (id) => wireContext(id, paid), grokRefuses: () => true });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(edge.twilioUpdates).toHaveLength(1), waitLong);
    // The first connection and its two reconnects, then the apology.
    expect(edge.grokRefusals).toBe(1 + DEFAULT_CONFIG.maxReconnects);
    expect(edge.twilioUpdates[0]?.callSid).toBe(CALL_SID);
    expect(edge.twilioUpdates[0]?.form.get("Twiml")).toContain(
      '<Say language="en-US">Sorry, goodbye.</Say><Hangup/>',
    );
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "ai_unavailable" });
    // The stream stays open for the apology (Twilio ends it), and no media was ever sent.
    expect(twilio.count("media")).toBe(0);
    expect(edge.unexpected).toEqual([]);
  });

  it("Grok stalls mid-call (acknowledges, then nothing): a fresh session says the reconnect sentence, the call goes on", async () => {
    const session = SESSION();
    const edge = createEdge({ context: (id) => wireContext(id, paid) });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    twilio.says("stall");
    const media = twilio.count("media");
    twilio.says("start");
    const turnEnded = Date.now();
    twilio.says("stop:what day is it");
    await vi.waitFor(() => expect(asked(edge).at(-1)).toBe("RECONNECTED"), waitLong);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThan(media), waitLong);
    // Measured, not asserted (a loaded machine); the 2 s bar is asserted on the Twilio simulator's audio
    // timeline in tests/faults/calls.stack.test.ts.
    console.log(
      `grok stall (workerd): turn end → reconnect sentence's first audio ${Date.now() - turnEnded} ms`,
    );
    expect(edge.grokReceived.filter((event) => event.type === "session.update")).toHaveLength(2);
    expect(twilio.isClosed()).toBe(false);
    twilio.stop();
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "caller_hangup", callerTurns: 1 });
    expect(edge.unexpected).toEqual([]);
  });

  it("Grok sends garbage mid-call: it is dropped, the call goes on and the next answer is heard", async () => {
    const session = SESSION();
    const edge = createEdge({ context: (id) => wireContext(id, paid) });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    twilio.says("garbage");
    const media = twilio.count("media");
    twilio.says("start");
    twilio.says("stop:how is the weather");
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(media + 3), waitLong);
    expect(edge.grokReceived.filter((event) => event.type === "session.update")).toHaveLength(1);
    expect(twilio.isClosed()).toBe(false);
    twilio.stop();
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "caller_hangup", callerTurns: 1 });
    expect(edge.unexpected).toEqual([]);
  });

  it("functions/bridge is down during a tool call: the model is told, the caller hears it, the call goes on", async () => {
    const session = SESSION();
    let down = false;
    const edge = createEdge({
      context: (id) => wireContext(id, paid),
      tool: () => {
        if (down) throw new TypeError("connection refused");
        return { output: { ok: true } };
      },
    });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    down = true;
    const media = twilio.count("media");
    twilio.says("stop:please forget the garden");
    await vi.waitFor(() => expect(toolOutputs(edge)).toHaveLength(1), waitLong);
    expect(toolOutputs(edge)[0]).toMatchObject({ ok: false, reason: "unavailable" });
    // The model's answer about it reaches the caller.
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(media + 3), waitLong);
    expect(edge.toolCalls).toHaveLength(1);
    twilio.stop();
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "caller_hangup", toolCalls: 1 });
  });

  it("functions/bridge is slow during a tool call: a filler first, then the one answer, never twice", async () => {
    expect(DEFAULT_CONFIG.toolFillerMs).toBeLessThan(2_000);
    const session = SESSION();
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const edge = createEdge({
      context: (id) => wireContext(id, paid),
      tool: async () => {
        await slow;
        return { output: { ok: true, forgotten: 1 } };
      },
    });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    const media = twilio.count("media");
    twilio.says("stop:please forget the garden");
    // While functions/bridge has not answered the caller hears the filler.
    await vi.waitFor(() => expect(asked(edge)).toContain("FILLER"), waitLong);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(media + 3), waitLong);
    expect(toolOutputs(edge)).toEqual([]);
    release();
    await vi.waitFor(() => expect(toolOutputs(edge)).toEqual([{ ok: true, forgotten: 1 }]), waitLong);
    expect(edge.toolCalls).toHaveLength(1);
    twilio.stop();
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ toolCalls: 1 });
  });
});
