import { describe, expect, it } from "vitest";
import { actionsOf, Call, greetedCall, START, testContext } from "./scenario.ts";
import { lostState } from "./state.ts";
import { step } from "./step.ts";
import type { CallEvent, CallSnapshot } from "./types.ts";

/** The reconnected stream's `start`: functions/twilio minted it a fresh token. */
const RESTART: CallEvent = {
  type: "twilio",
  message: {
    event: "start",
    streamSid: "MZ2",
    callSid: "CA11111111111111111111111111111111",
    accountSid: "AC22222222222222222222222222222222",
    customParameters: { token: "t2" },
    encoding: "audio/x-mulaw",
  },
};

/** The call carried on from what durable storage kept: a new stream after a break, or a reset object. */
describe("a call carried on after a broken stream or a reset object", () => {
  const trial = { secondsRemaining: 300, planKind: "trial" as const, hardCutoff: true };

  function lastSnapshot(call: Call): CallSnapshot {
    const persisted = actionsOf(call.log, "call.persist");
    const last = persisted[persisted.length - 1];
    if (!last) throw new Error("nothing persisted");
    return last.snapshot;
  }

  it("keeps each completed turn and the deadline in storage as the call goes", () => {
    const call = greetedCall({ minutes: trial });
    call.callerSpeaks({ text: "My tulips came up" });
    const snapshot = lastSnapshot(call);
    expect(snapshot.turns).toEqual([
      { role: "assistant", text: "Hello Rose" },
      { role: "caller", text: "My tulips came up" },
    ]);
    expect(snapshot.deadlineAt).toBe(call.state.minutes.deadlineAt);
    // Media frames persist nothing.
    const before = call.log.length;
    call.send({ type: "twilio", message: { event: "media", payload: "AAAA", track: "inbound" } });
    expect(actionsOf(call.log.slice(before), "call.persist")).toEqual([]);
  });

  it("a broken stream keeps what was kept; the next warm start carries the call on without a greeting", () => {
    const call = greetedCall({ minutes: trial });
    call.callerSpeaks({ text: "My tulips came up" });
    const deadlineAt = call.state.minutes.deadlineAt;
    const startedAt = call.state.stream?.startedAt;
    call.take();
    call.send({ type: "socket.closed", socket: "twilio" });
    const ended = call.take();
    expect(actionsOf(ended, "call.forget")).toEqual([]);
    expect(actionsOf(ended, "alarm.cancel")).toEqual([]);
    expect(actionsOf(ended, "bridge")[0]?.request).toMatchObject({ summary: { endReason: "stream_error" } });

    call.advance(20_000);
    call.send({ type: "restore", snapshot: lastSnapshot(call) });
    call.send({ type: "warmStart", apology: null });
    expect(call.state.phase).toBe("opening");
    expect(actionsOf(call.take(), "bridge")).toEqual([{ type: "bridge", request: { kind: "context" } }]);
    // functions/bridge answers with the account's minutes now; the old deadline still holds.
    call.send({ type: "context.loaded", context: testContext({ ...trial, secondsRemaining: 280 }) });
    call.send({ type: "grok.opened", conn: 1 });
    const [, primer] = call.grokSent();
    expect(primer?.type === "conversation.item.create" && JSON.stringify(primer.item)).toContain(
      "Caller: My tulips came up",
    );
    call.grok({ type: "session.updated" });
    call.send(RESTART);
    call.send({ type: "token.verified" });
    expect(call.state.minutes.deadlineAt).toBe(deadlineAt);
    expect(call.state.stream?.startedAt).toBe(startedAt);
    expect(call.grokSent()).toContainEqual({
      type: "response.create",
      response: { instructions: "RESUMED" },
    });
    // The end report covers the whole call, once.
    call.take();
    call.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    const end = actionsOf(call.take(), "bridge").map((a) => a.request);
    expect(end).toHaveLength(1);
    expect(end[0]).toMatchObject({ kind: "end", summary: { endReason: "caller_hangup", callerTurns: 1 } });
    expect(end[0]?.kind === "end" && end[0].summary.streamSeconds).toBeGreaterThanOrEqual(20);
  });

  it("a reset object (nothing in memory) carries the call on from storage; the reconnects used still count", () => {
    const snapshot: CallSnapshot = {
      callSessionId: "cs_1",
      callSid: "CA11111111111111111111111111111111",
      turns: [{ role: "caller", text: "My tulips came up" }],
      deadlineAt: 1_000_000 + 120_000,
      startedAt: 1_000_000 - 20_000,
      reconnects: 2,
      spentTokens: ["t0"],
      stats: {
        callerTurns: 1,
        assistantTurns: 1,
        bargeIns: 0,
        toolCalls: 0,
        firstAudioAt: 1_000_000 - 19_000,
      },
    };
    const call = new Call();
    call.send({ type: "restore", snapshot });
    call.send({ type: "warmStart", apology: null });
    expect(call.state.turns).toEqual(snapshot.turns);
    expect(call.state.grok.reconnects).toBe(2);
    call.send({ type: "context.loaded", context: testContext(trial) });
    call.send({ type: "grok.opened", conn: 1 });
    call.grok({ type: "session.updated" });
    call.send(START);
    call.send({ type: "token.verified" });
    expect(call.state.minutes.deadlineAt).toBe(snapshot.deadlineAt);
    // No reconnect left: a Grok drop now ends in the apology.
    call.take();
    call.send({ type: "socket.closed", socket: "grok", conn: 1 });
    expect(actionsOf(call.take(), "twilio.hangup")[0]?.say).toBe("Sorry, goodbye.");
  });

  it("without a minute deadline, a broken stream's snapshot is forgotten by an alarm unless the call comes back", () => {
    const call = greetedCall();
    call.take();
    call.send({ type: "socket.closed", socket: "twilio" });
    expect(actionsOf(call.take(), "alarm.set")).toEqual([{ type: "alarm.set", at: call.now + 5 * 60_000 }]);
    const snapshot = lastSnapshot(call);
    // Not back: the alarm forgets what was kept.
    const gone = new Call();
    gone.state = call.state;
    gone.send({ type: "alarm" });
    expect(actionsOf(gone.take(), "call.forget")).toHaveLength(1);
    // The object was evicted meanwhile: the alarm forgets it without hanging up a call that is not its own.
    const evicted = step(lostState(snapshot), { type: "alarm" }, () => call.now);
    expect(evicted.actions.map((a) => a.type)).toEqual(["call.forget"]);
    // Back: the alarm is cancelled.
    call.send({ type: "restore", snapshot });
    expect(actionsOf(call.take(), "alarm.cancel")).toHaveLength(1);
  });

  it("a stream token is accepted once: replayed on the carried-on call, its stream is closed", () => {
    const call = greetedCall();
    call.send({ type: "socket.closed", socket: "twilio" });
    call.send({ type: "restore", snapshot: lastSnapshot(call) });
    call.take();
    call.send({ type: "twilio.connected", conn: 2 });
    call.send(START); // the first stream's token "t", captured
    const actions = call.take();
    expect(actionsOf(actions, "token.verify")).toEqual([]);
    expect(actionsOf(actions, "twilio.refuse")).toEqual([
      { type: "twilio.refuse", conn: 2, reason: "no valid start" },
    ]);
    expect(call.state.stream).toBeNull();
  });

  it("neither a call that ended on purpose nor a live one is replaced by what storage kept", () => {
    const call = greetedCall();
    const snapshot = lastSnapshot(call);
    call.take();
    call.send({ type: "restore", snapshot });
    expect(call.state.greeted).toBe(true);
    call.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    call.take();
    call.send({ type: "restore", snapshot });
    call.send({ type: "warmStart", apology: null });
    expect(call.state.phase).toBe("ended");
    expect(call.take()).toEqual([]);
  });

  it("a stream that arrives before the warm start on a reset object still carries the call on", () => {
    const call = greetedCall();
    call.callerSpeaks({ text: "My tulips came up" });
    const snapshot = lastSnapshot(call);
    const fresh = new Call();
    fresh.send({ type: "restore", snapshot });
    fresh.send({ type: "twilio.connected", conn: 1 });
    fresh.send(START);
    expect(fresh.state.turns).toEqual(snapshot.turns);
    expect(fresh.state.resumedFrom).not.toBeNull();
  });
});
