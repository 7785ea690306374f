import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CallBridge } from "../src/call-bridge.ts";
import { createEdge, type Edge, SESSION, wireContext } from "./peers.ts";
import { CALL_SID, prepare, twilioStream } from "./twilio-stream.ts";

/**
 * Calls that survive losing the Durable Object or the Grok session mid-call, in workerd. Grok,
 * functions/bridge and Twilio's REST API are replaced at the network edge (./peers.ts); waits are for
 * recorded events, never fixed sleeps.
 */
const waitLong = { timeout: 15_000, interval: 20 };
type Json = Record<string, unknown>;

afterEach(() => {
  vi.unstubAllGlobals();
});

function callBridge(callSessionId: string) {
  return env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(callSessionId));
}

function asked(edge: Edge): string[] {
  return edge.grokReceived
    .filter((event) => event.type === "response.create")
    .map((event) => (event.response as { instructions?: string } | undefined)?.instructions ?? "");
}

/** Grok sessions the Worker configured. */
function sessions(edge: Edge): number {
  return edge.grokReceived.filter((event) => event.type === "session.update").length;
}

function primers(edge: Edge): string[] {
  return edge.grokReceived
    .filter((event) => event.type === "conversation.item.create")
    .map((event) => JSON.stringify(event.item as Json))
    .filter((item) => item.includes("Transcript of this phone call so far"));
}

/** Waits until the object has kept the caller's words in durable storage (a completed turn). */
async function keptTurn(callSessionId: string, text: string): Promise<void> {
  await vi.waitFor(
    () =>
      runInDurableObject(callBridge(callSessionId), async (_b: CallBridge, state) => {
        const kept = (await state.storage.get("call")) as { turns: unknown[] } | undefined;
        expect(kept?.turns).toContainEqual({ role: "caller", text });
      }),
    waitLong,
  );
}

const trial = { secondsRemaining: 600, planKind: "trial" as const, hardCutoff: true };

/** A call on a fresh session, greeted, whose caller's first turn `said` the object has kept. */
async function greetedCall(said: string) {
  const session = SESSION();
  const edge = createEdge({ context: (id) => wireContext(id, trial) });
  vi.stubGlobal("fetch", edge.fetch);
  expect((await prepare(session)).status).toBe(202);
  const first = await twilioStream(session);
  await vi.waitFor(() => expect(asked(edge)).toContain("GREET"), waitLong);
  first.says("start");
  first.says(`stop:${said}`);
  await keptTurn(session, said);
  return { session, edge, first };
}

describe("a call that survives a restart", () => {
  it("the object is reset mid-call: the next stream carries the call on with its transcript and deadline", async () => {
    const { session, edge, first } = await greetedCall("I planted tulips this morning");
    const bridge = callBridge(session);
    let deadline: number | null = null;
    await runInDurableObject(bridge, async (instance: CallBridge, state) => {
      await instance.settled();
      const kept = (await state.storage.get("call")) as { turns: unknown[]; deadlineAt: number };
      expect(kept.turns).toContainEqual({ role: "caller", text: "I planted tulips this morning" });
      deadline = kept.deadlineAt;
    });

    // The reset: memory and sockets gone, storage kept. Twilio's stream ends; functions/twilio answers its
    // <Connect action> with the apology and a fresh stream, and warm-starts the same session again.
    await expect(
      runInDurableObject(bridge, (_b: CallBridge, state) => state.abort("simulated deploy")),
    ).rejects.toThrow();
    await vi.waitFor(() => expect(first.isClosed()).toBe(true), waitLong);
    expect(edge.summaries).toEqual([]);
    expect((await prepare(session)).status).toBe(202);
    const second = await twilioStream(session);

    // The new Grok session hears the conversation so far and carries on without greeting again.
    await vi.waitFor(() => expect(asked(edge)).toContain("RESUMED"), waitLong);
    expect(asked(edge).filter((text) => text === "GREET")).toHaveLength(1);
    expect(primers(edge).at(-1)).toContain("Caller: I planted tulips this morning");
    await vi.waitFor(() => expect(second.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    await runInDurableObject(callBridge(session), async (instance: CallBridge, state) => {
      await instance.settled();
      expect(((await state.storage.get("call")) as { deadlineAt: number }).deadlineAt).toBe(deadline);
    });

    // The call goes on and ends once: one end report, counting the turns of both streams.
    second.says("start");
    second.says("stop:and the roses too");
    await keptTurn(session, "and the roses too");
    second.stop();
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "caller_hangup", callerTurns: 2 });
    expect(edge.twilioUpdates).toEqual([]);
    expect(edge.unexpected).toEqual([]);
  }, 30_000);

  it("the stream breaks (the object lives on): the reconnected stream carries the call on, one end report", async () => {
    const { session, edge, first } = await greetedCall("my grandson visited");
    first.drop();
    // The bridge reports the broken stream (functions/twilio decides whether the call goes on).
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "stream_error" });

    expect((await prepare(session)).status).toBe(202);
    const second = await twilioStream(session);
    await vi.waitFor(() => expect(asked(edge)).toContain("RESUMED"), waitLong);
    expect(primers(edge).at(-1)).toContain("Caller: my grandson visited");
    await vi.waitFor(() => expect(second.count("media")).toBeGreaterThanOrEqual(3), waitLong);
    second.stop();
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(2), waitLong);
    expect(edge.summaries[1]).toMatchObject({ endReason: "caller_hangup", callerTurns: 1 });
    await runInDurableObject(callBridge(session), async (_b: CallBridge, state) => {
      await vi.waitFor(async () => expect(await state.storage.get("call")).toBeUndefined(), waitLong);
    });
    expect(edge.unexpected).toEqual([]);
  }, 30_000);

  it("Grok drops mid-call with the stream up: a new session, the transcript replayed, the reconnect sentence; twice, then the apology", async () => {
    const session = SESSION();
    const edge = createEdge({ context: (id) => wireContext(id, trial) });
    vi.stubGlobal("fetch", edge.fetch);
    const twilio = await twilioStream(session);
    await vi.waitFor(() => expect(asked(edge)).toContain("GREET"), waitLong);
    twilio.says("start");
    twilio.says("stop:the weather is lovely");
    await keptTurn(session, "the weather is lovely");

    for (const drop of [0, 1]) {
      const media = twilio.count("media");
      twilio.says("drop");
      await vi.waitFor(() => expect(sessions(edge)).toBe(drop + 2), waitLong);
      await vi.waitFor(() => expect(asked(edge).at(-1)).toBe("RECONNECTED"), waitLong);
      expect(primers(edge).at(-1)).toContain("Caller: the weather is lovely");
      // The reconnect sentence reaches the caller.
      await vi.waitFor(() => expect(twilio.count("media")).toBeGreaterThanOrEqual(media + 3), waitLong);
      expect(twilio.isClosed()).toBe(false);
    }
    expect(edge.summaries).toEqual([]);
    // A third drop: no reconnect left, Twilio speaks the apology and hangs up.
    twilio.says("drop");
    await vi.waitFor(() => expect(edge.twilioUpdates).toHaveLength(1), waitLong);
    expect(edge.twilioUpdates[0]?.callSid).toBe(CALL_SID);
    expect(edge.twilioUpdates[0]?.form.get("Twiml")).toContain("Sorry, goodbye.");
    await vi.waitFor(() => expect(edge.summaries).toHaveLength(1), waitLong);
    expect(edge.summaries[0]).toMatchObject({ endReason: "ai_unavailable", callerTurns: 1 });
    expect(sessions(edge)).toBe(3);
    expect(edge.unexpected).toEqual([]);
  }, 30_000);
});
