import { describe, expect, it } from "vitest";
import { actionsOf, Call, greetedCall, START, startCall, testContext } from "./scenario.ts";
import { DEFAULT_CONFIG } from "./state.ts";

const STALL_MS = DEFAULT_CONFIG.grokStallMs;

describe("Grok failure", () => {
  it("refused three times → the caller hears the apology through Twilio, never silence", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    call.take();
    call.send({ type: "grok.failed", conn: 1, status: 503, message: "unavailable" });
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 2 }]);
    call.send({ type: "grok.failed", conn: 2, status: 503, message: "unavailable" });
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 3 }]);
    call.send({ type: "grok.failed", conn: 3, status: 503, message: "unavailable" });
    call.send(START);
    call.send({ type: "token.verified" });
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toEqual([
      {
        type: "twilio.hangup",
        callSid: "CA11111111111111111111111111111111",
        say: "Sorry, goodbye.",
        language: "en-US",
        attempt: 1,
      },
    ]);
    expect(actionsOf(actions, "twilio.close")).toEqual([]);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "ai_unavailable" },
    });
    // Twilio has not taken the update off the stream in time: closing it lets <Connect action> speak instead.
    call.advance(DEFAULT_CONFIG.streamCloseAfterApologyMs - 1);
    expect(actionsOf(call.take(), "twilio.close")).toEqual([]);
    call.advance(1);
    expect(actionsOf(call.take(), "twilio.close")).toHaveLength(1);
  });

  it("the apology's update fails at Twilio: the stream closes at once (no retry), so the caller is not left in silence", () => {
    const call = greetedCall();
    for (const conn of [1, 2, 3]) {
      call.send({ type: "socket.closed", socket: "grok", conn });
      if (conn < 3) {
        call.send({ type: "grok.opened", conn: conn + 1 });
        call.grok({ type: "session.updated" }, conn + 1);
      }
    }
    const [apology] = actionsOf(call.take(), "twilio.hangup");
    expect(apology?.say).toBe("Sorry, goodbye.");
    call.send({
      type: "hangup.failed",
      attempt: 1,
      transient: true,
      say: "Sorry, goodbye.",
      language: "en-US",
    });
    const actions = call.take();
    expect(actionsOf(actions, "twilio.close")).toHaveLength(1);
    expect(actionsOf(actions, "twilio.hangup")).toEqual([]);
    expect(actionsOf(actions, "timer.cancel")).toContainEqual({ type: "timer.cancel", name: "streamClose" });
    // One end report for the call, sent when the apology began.
    expect(call.log.filter((a) => a.type === "bridge" && a.request.kind === "end")).toHaveLength(1);
  });

  it("a stall after the caller spoke reconnects, carrying the conversation, and the model says the reconnect sentence", () => {
    const call = greetedCall();
    call.callerSpeaks({ text: "Tell me about my garden" });
    call.take();
    call.advance(STALL_MS - 1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([]);
    call.advance(1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 2 }]);
    call.send({ type: "grok.opened", conn: 2 });
    const [update, primer] = call.grokSent();
    expect(update?.type).toBe("session.update");
    expect(
      primer?.type === "conversation.item.create" &&
        primer.item.type === "message" &&
        primer.item.content[0].text,
    ).toContain("Caller: Tell me about my garden");
    call.grok({ type: "session.updated" }, 2);
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "RECONNECTED" } }]);
    // Late events from the old socket are ignored.
    call.send({ type: "socket.closed", socket: "grok", conn: 1 });
    expect(call.state.grok.conn).toBe(2);
  });

  it("a drop after the two reconnects ends in the apology", () => {
    const call = greetedCall();
    for (const conn of [1, 2]) {
      call.send({ type: "socket.closed", socket: "grok", conn });
      call.send({ type: "grok.opened", conn: conn + 1 });
      call.grok({ type: "session.updated" }, conn + 1);
      expect(call.grokSent()).toContainEqual({
        type: "response.create",
        response: { instructions: "RECONNECTED" },
      });
      expect(call.state.grok.reconnects).toBe(conn);
    }
    call.take();
    call.send({ type: "socket.closed", socket: "grok", conn: 3 });
    expect(actionsOf(call.take(), "twilio.hangup")[0]?.say).toBe("Sorry, goodbye.");
  });

  it("moves to a fresh session before the cap, at a turn boundary, carrying the conversation", () => {
    const call = greetedCall({ config: { grokSessionCapMs: 60_000, silenceMs: 600_000 } });
    call.callerSpeaks({ text: "I like tulips" });
    call.modelSays({ chunks: 30, open: true, text: "Tulips are lovely" });
    call.advance(60_000);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([]); // mid-turn: wait
    const r = call.state.response.id ?? "";
    const i = call.state.playback.itemId ?? "";
    call.modelFinishes(r, i, "Tulips are lovely");
    call.played();
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 2 }]);
    call.send({ type: "grok.opened", conn: 2 });
    call.grok({ type: "session.updated" }, 2);
    // Until the swap, caller audio keeps flowing to the old session.
    expect(
      call.send({ type: "twilio", message: { event: "media", payload: "AAAA", track: "inbound" } })[0],
    ).toMatchObject({ conn: 1 });
    call.callerSpeaks({ text: "And roses" });
    call.modelSays();
    call.played();
    const actions = call.take();
    expect(actionsOf(actions, "grok.close")).toEqual([{ type: "grok.close", conn: 1 }]);
    expect(call.state.grok.conn).toBe(2);
    expect(
      call.send({ type: "twilio", message: { event: "media", payload: "AAAA", track: "inbound" } })[0],
    ).toMatchObject({ conn: 2 });
  });

  it("stalls are caught in time for the 2 s promise: the reconnect sentence is asked for with room to be heard", () => {
    // What the fresh session needs before its first audio is the shell's (measured in tests/faults/); the
    // reducer's share is the stall window, which must leave most of the 2 s for it.
    expect(STALL_MS).toBeLessThanOrEqual(1_000);
    const call = greetedCall();
    call.callerSpeaks({ text: "What day is it?" });
    const turnEnded = call.now;
    call.take();
    call.advance(STALL_MS);
    call.send({ type: "grok.opened", conn: 2 });
    call.grok({ type: "session.updated" }, 2);
    expect(call.grokSent()).toContainEqual({
      type: "response.create",
      response: { instructions: "RECONNECTED" },
    });
    expect(call.now - turnEnded).toBe(STALL_MS);
  });

  it("a stall after a tool's answer reconnects the same way", () => {
    const call = greetedCall();
    call.callerSpeaks({ text: "Remember I like tulips" });
    const { responseId } = call.modelSays({ chunks: 0, open: true });
    call.grok({
      type: "response.function_call_arguments.done",
      callId: "c1",
      name: "store_memory",
      arguments: "{}",
    });
    call.grok({ type: "response.done", responseId, status: "completed" });
    call.take();
    // functions/bridge answers quickly; the model is asked to go on and then says nothing.
    call.send({ type: "tool.result", callId: "c1", result: { output: { ok: true } } });
    call.take();
    call.advance(STALL_MS - 1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([]);
    call.advance(1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 2 }]);
  });

  it("audio inside the window, or an answer that is only a function call, is no stall", () => {
    const call = greetedCall();
    call.callerSpeaks({ text: "Hello" });
    call.advance(STALL_MS - 1);
    call.modelSays({ open: true });
    call.advance(60_000);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([]);

    const tool = greetedCall({ config: { toolTimeoutMs: 600_000, silenceMs: 600_000 } });
    tool.callerSpeaks({ text: "Remember I like tulips" });
    const { responseId } = tool.modelSays({ chunks: 0, open: true });
    tool.grok({
      type: "response.function_call_arguments.done",
      callId: "c1",
      name: "store_memory",
      arguments: "{}",
    });
    tool.grok({ type: "response.done", responseId, status: "completed" });
    tool.take();
    // Until the filler is asked for (then the model owes audio again).
    tool.advance(DEFAULT_CONFIG.toolFillerMs - 1);
    expect(actionsOf(tool.take(), "grok.connect")).toEqual([]);
  });

  it("a session's first answer (the greeting, a fresh session's first line) gets the longer window", () => {
    const first = DEFAULT_CONFIG.grokFirstAudioMs;
    expect(first).toBeGreaterThan(STALL_MS);
    const call = startCall();
    call.take();
    call.advance(first - 1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([]);
    call.advance(1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 2 }]);
    // The fresh session's reconnect sentence: the same longer window, then the next reconnect.
    call.send({ type: "grok.opened", conn: 2 });
    call.grok({ type: "session.updated" }, 2);
    expect(call.grokSent().filter((e) => e.type === "response.create")).toEqual([
      { type: "response.create", response: { instructions: "RECONNECTED" } },
    ]);
    call.advance(first - 1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([]);
    call.advance(1);
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 3 }]);
  });
});
