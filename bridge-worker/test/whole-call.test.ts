import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  preparePath,
  STREAM_APOLOGY_PARAMETER,
  STREAM_LANGUAGE_PARAMETER,
  signRequest,
} from "../../functions/_shared/contracts/index.ts";
import type { CallBridge } from "../src/call-bridge.ts";
import { createEdge, type Edge, SESSION, wireContext } from "./peers.ts";
import { CALL_SID, twilioStream } from "./twilio-stream.ts";

/**
 * Whole calls through the Worker and its CallBridge Durable Object in workerd. The test plays Twilio on
 * the media stream; Grok, functions/bridge and Twilio's REST API are replaced at the network edge
 * (./peers.ts). Waits are for recorded events (vi.waitFor polls them), never fixed sleeps.
 */
const waitLong = { timeout: 15_000, interval: 20 };

afterEach(() => {
  vi.unstubAllGlobals();
});

type Json = Record<string, unknown>;

function callBridge(callSessionId: string) {
  return env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(callSessionId));
}

function grokSent(edge: Edge, type: string): Json[] {
  return edge.grokReceived.filter((event) => event.type === type);
}

function instructionsAsked(edge: Edge): string[] {
  return grokSent(edge, "response.create").map(
    (event) => (event.response as { instructions?: string } | undefined)?.instructions ?? "",
  );
}

describe("a whole call through CallBridge", () => {
  it("greets, yields to a barge-in, answers a tool's refusal and ends at the trial's last second", async () => {
    const session = SESSION();
    const minutes = { secondsRemaining: 8, planKind: "trial" as const, hardCutoff: true };
    const edge = createEdge({
      context: (id) => wireContext(id, minutes),
      tool: () => ({ output: { ok: false, reason: "not_found", say: "No memory with that id was found." } }),
    });
    vi.stubGlobal("fetch", edge.fetch);
    const startedAt = Date.now();
    const twilio = await twilioStream(session);

    // Greeting: context loaded, Grok configured with it, the greeting asked for and its audio played.
    await vi.waitFor(() => expect(instructionsAsked(edge).join("\n")).toContain("GREET"), waitLong);
    expect(grokSent(edge, "session.update")[0]?.session).toMatchObject({ instructions: "You are Ultaura." });
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(3), waitLong);

    // The identity is persisted and the backstop alarm set at the deadline plus the grace period.
    await runInDurableObject(callBridge(session), async (instance: CallBridge, state) => {
      await instance.settled(); // the storage writes the call's actions started
      expect(await state.storage.get("call")).toMatchObject({ callSessionId: session, callSid: CALL_SID });
      const alarm = await state.storage.getAlarm();
      expect(alarm).toBeGreaterThanOrEqual(startedAt + 8_000 + 30_000);
      expect(alarm).toBeLessThanOrEqual(Date.now() + 8_000 + 30_000);
    });

    // Barge-in: a long answer is playing (marks held) when the caller starts talking over it.
    twilio.holdMarks(true);
    twilio.says("start");
    twilio.says("stop:tell me a story");
    const mediaBefore = twilio.count("media");
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(mediaBefore + 20), waitLong);
    twilio.says("start");
    await vi.waitFor(() => expect(twilio.count("clear")).toBe(1), waitLong);
    await vi.waitFor(() => expect(grokSent(edge, "response.cancel")).toHaveLength(1), waitLong);
    expect(grokSent(edge, "conversation.item.truncate")).toHaveLength(1);
    twilio.holdMarks(false);

    // A tool call: the refusal reaches the model as the tool's output.
    twilio.says("stop:please forget what I said about the garden");
    await vi.waitFor(() => expect(edge.toolCalls).toHaveLength(1), waitLong);
    expect(edge.toolCalls[0]).toMatchObject({
      name: "forget_memory",
      body: { arguments: { memoryId: "m0a1b2c3d" } },
    });
    await vi.waitFor(() => {
      const outputs = grokSent(edge, "conversation.item.create").map((event) => event.item as Json);
      const output = outputs.find((item) => item.type === "function_call_output");
      expect(JSON.parse(String(output?.output))).toEqual({
        ok: false,
        reason: "not_found",
        say: "No memory with that id was found.",
      });
    }, waitLong);

    // The minute cut-off: a spoken goodbye, heard, then the hang-up through Twilio's REST API.
    await vi.waitFor(() => expect(instructionsAsked(edge)).toContain("MINUTES_BYE"), waitLong);
    await vi.waitFor(() => expect(edge.twilioUpdates).toHaveLength(1), waitLong);
    expect(edge.twilioUpdates[0]?.callSid).toBe(CALL_SID);
    expect(edge.twilioUpdates[0]?.form.get("Status")).toBe("completed");
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "minutes_exhausted", bargeIns: 1, toolCalls: 1 });
    await runInDurableObject(callBridge(session), async (_bridge: CallBridge, state) => {
      await vi.waitFor(async () => expect(await state.storage.get("call")).toBeUndefined(), waitLong);
      expect(await state.storage.getAlarm()).toBeNull();
    });
    expect(edge.unexpected).toEqual([]);
  }, 30_000);

  it("alarm backstop chain: persisted identity → alarm → hang-up through Twilio REST after the object lost the call", async () => {
    const session = SESSION();
    const minutes = { secondsRemaining: 600, planKind: "trial" as const, hardCutoff: true };
    const edge = createEdge({ context: (id) => wireContext(id, minutes) });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    const bridge = callBridge(session);
    await runInDurableObject(bridge, async (instance: CallBridge, state) => {
      await instance.settled(); // the storage writes the call's actions started
      expect(await state.storage.get("call")).toMatchObject({ callSessionId: session, callSid: CALL_SID });
      expect(await state.storage.getAlarm()).not.toBeNull();
    });
    // The object is restarted mid-call: its memory (the reducer's state, the timers) is gone, storage stays.
    await expect(
      runInDurableObject(bridge, (_bridge: CallBridge, state) => state.abort("simulated restart")),
    ).rejects.toThrow();
    expect(edge.twilioUpdates).toEqual([]);
    // A fresh stub reaches the fresh instance, which has nothing but what it persisted.
    const restarted = callBridge(session);
    expect(await runDurableObjectAlarm(restarted)).toBe(true);
    expect(edge.twilioUpdates).toHaveLength(1);
    expect(edge.twilioUpdates[0]?.callSid).toBe(CALL_SID);
    expect(edge.twilioUpdates[0]?.form.get("Status")).toBe("completed");
    await runInDurableObject(restarted, async (_bridge: CallBridge, state) => {
      expect(await state.storage.get("call")).toBeUndefined();
    });
    expect(edge.unexpected).toEqual([]);
  });

  it("a malformed context: the caller hears the warm start's apology, in their language, and the call ends", async () => {
    const session = SESSION();
    const { apology: _missing, ...broken } = wireContext(session, {
      secondsRemaining: null,
      planKind: "paid",
      hardCutoff: false,
    });
    const edge = createEdge({ context: () => broken });
    vi.stubGlobal("fetch", edge.fetch);
    const body = JSON.stringify({ callSessionId: session, apology: "Lo siento. Adiós.", language: "es-US" });
    const prepared = await SELF.fetch(`https://bridge.test${preparePath(session)}`, {
      method: "POST",
      body,
      headers: await signRequest(env.PREPARE_SIGNING_SECRET, "prepare", {
        method: "POST",
        path: preparePath(session),
        body,
      }),
    });
    expect(prepared.status).toBe(202);
    await twilioStream(session);
    await vi.waitFor(() => expect(edge.twilioUpdates).toHaveLength(1), waitLong);
    const twiml = edge.twilioUpdates[0]?.form.get("Twiml") ?? "";
    expect(twiml).toContain('<Say language="es-US">Lo siento. Adiós.</Say><Hangup/>');
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "ai_unavailable" });
    expect(edge.unexpected).toEqual([]);
  });

  it("without the warm start, the apology comes with the stream's own parameters", async () => {
    const session = SESSION();
    const edge = createEdge({ context: () => ({ callSessionId: session }) });
    vi.stubGlobal("fetch", edge.fetch);
    await twilioStream(session, {
      [STREAM_APOLOGY_PARAMETER]: "Lo siento, Maria. Adiós.",
      [STREAM_LANGUAGE_PARAMETER]: "es-US",
    });
    await vi.waitFor(() => expect(edge.twilioUpdates).toHaveLength(1), waitLong);
    expect(edge.twilioUpdates[0]?.form.get("Twiml")).toContain(
      '<Say language="es-US">Lo siento, Maria. Adiós.</Say><Hangup/>',
    );
    expect(edge.unexpected).toEqual([]);
  });
});
