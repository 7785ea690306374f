import { describe, expect, it } from "vitest";
import { actionsOf, Call, greetedCall, START, startCall, testContext } from "./scenario.ts";
import { lostState } from "./state.ts";
import { step } from "./step.ts";

/** The decisions the shell used to take itself: persisting the call, the alarm, retries, the warm start. */
describe("call identity and the alarm backstop", () => {
  it("persists the call's identity once the stream token checks out, not before", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    call.send(START);
    expect(actionsOf(call.take(), "call.persist")).toEqual([]);
    call.send({ type: "token.verified" });
    const persisted = actionsOf(call.take(), "call.persist");
    expect(persisted).toHaveLength(1);
    expect(persisted[0]?.snapshot).toMatchObject({
      callSessionId: "cs_1",
      callSid: "CA11111111111111111111111111111111",
      turns: [],
      reconnects: 0,
    });
  });

  it("sets the alarm at the hard deadline plus the grace period, and moves it only earlier", () => {
    const call = startCall({ minutes: { secondsRemaining: 300, planKind: "trial", hardCutoff: true } });
    const start = call.now;
    expect(actionsOf(call.log, "alarm.set")).toEqual([{ type: "alarm.set", at: start + 300_000 + 30_000 }]);
    call.take();
    call.send({
      type: "minutes.status",
      minutes: { secondsRemaining: 600, planKind: "trial", hardCutoff: true },
    });
    expect(actionsOf(call.take(), "alarm.set")).toEqual([]);
    call.send({
      type: "minutes.status",
      minutes: { secondsRemaining: 60, planKind: "trial", hardCutoff: true },
    });
    expect(actionsOf(call.take(), "alarm.set")).toEqual([{ type: "alarm.set", at: start + 60_000 + 30_000 }]);
  });

  it("no alarm for a plan without a hard cut-off; an upgrade mid-call cancels it", () => {
    expect(actionsOf(startCall().log, "alarm.set")).toEqual([]);
    const call = startCall({ minutes: { secondsRemaining: 300, planKind: "trial", hardCutoff: true } });
    call.take();
    call.send({
      type: "minutes.status",
      minutes: { secondsRemaining: null, planKind: "paid", hardCutoff: false },
    });
    expect(actionsOf(call.take(), "alarm.cancel")).toHaveLength(1);
  });

  it("an ended call cancels its alarm and forgets its identity", () => {
    const call = greetedCall({ minutes: { secondsRemaining: 300, planKind: "trial", hardCutoff: true } });
    call.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    const types = call.take().map((a) => a.type);
    expect(types).toContain("alarm.cancel");
    expect(types).toContain("call.forget");
  });

  it("the alarm on a lost call hangs it up through Twilio and forgets it; a transient failure is retried once", () => {
    const lost = lostState({ callSessionId: "cs_1", callSid: "CA9" });
    const fired = step(lost, { type: "alarm" }, () => 0);
    expect(actionsOf(fired.actions, "twilio.hangup")).toEqual([
      { type: "twilio.hangup", callSid: "CA9", say: null, language: null, attempt: 1 },
    ]);
    expect(actionsOf(fired.actions, "call.forget")).toHaveLength(1);
    const failure = { type: "hangup.failed", transient: true, say: null, language: null } as const;
    const retried = step(fired.state, { ...failure, attempt: 1 }, () => 1);
    expect(actionsOf(retried.actions, "twilio.hangup")).toEqual([
      { type: "twilio.hangup", callSid: "CA9", say: null, language: null, attempt: 2 },
    ]);
    const gaveUp = step(retried.state, { ...failure, attempt: 2 }, () => 2);
    expect(actionsOf(gaveUp.actions, "twilio.hangup")).toEqual([]);
    expect(actionsOf(gaveUp.actions, "log")[0]).toMatchObject({ level: "error", event: "hangup_gave_up" });
  });

  it("a refused hang-up (a 4xx) is not retried", () => {
    const call = greetedCall();
    call.send({ type: "alarm" });
    expect(actionsOf(call.take(), "twilio.hangup")).toHaveLength(1);
    call.send({ type: "hangup.failed", attempt: 1, transient: false, say: null, language: null });
    expect(actionsOf(call.take(), "twilio.hangup")).toEqual([]);
  });

  it("an alarm while the call is somehow still live cuts it off; after the end it does nothing", () => {
    const call = greetedCall({ minutes: { secondsRemaining: 300, planKind: "trial", hardCutoff: true } });
    call.send({ type: "alarm" });
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toHaveLength(1);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "minutes_exhausted" },
    });
    call.send({ type: "alarm" });
    expect(call.take()).toEqual([]);
  });

  it("the end summary post is retried once when the failure was transient", () => {
    const call = greetedCall();
    call.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    const end = actionsOf(call.take(), "bridge")[0]?.request;
    if (end?.kind !== "end") throw new Error("no end post");
    call.send({ type: "end.failed", attempt: 1, transient: true, summary: end.summary });
    expect(actionsOf(call.take(), "bridge")).toEqual([
      { type: "bridge", request: { kind: "end", summary: end.summary, attempt: 2 } },
    ]);
    call.send({ type: "end.failed", attempt: 2, transient: true, summary: end.summary });
    expect(actionsOf(call.take(), "bridge")).toEqual([]);
  });
});

describe("the warm start and the apology", () => {
  it("a warm start asks for the context once; the stream arriving later does not ask again", () => {
    const call = new Call();
    call.send({ type: "warmStart", apology: null });
    call.send({ type: "warmStart", apology: null });
    call.send(START);
    call.send({ type: "token.verified" });
    expect(actionsOf(call.take(), "bridge")).toEqual([{ type: "bridge", request: { kind: "context" } }]);
  });

  it("a context that failed (malformed or refused) → the caller hears the warm start's apology in their language", () => {
    const call = new Call();
    call.send({
      type: "warmStart",
      apology: { text: "Lo siento. Adiós.", language: "es-US" },
    });
    call.send(START);
    call.send({ type: "token.verified" });
    call.take();
    call.send({ type: "context.failed", message: "bridge context reply broke the contract at apology" });
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toEqual([
      {
        type: "twilio.hangup",
        callSid: "CA11111111111111111111111111111111",
        say: "Lo siento. Adiós.",
        language: "es-US",
        attempt: 1,
      },
    ]);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "ai_unavailable" },
    });
  });

  it("a stream our TwiML did not start (no apology anywhere) is hung up without words, and that is logged", () => {
    const call = new Call();
    call.send(START);
    call.send({ type: "token.verified" });
    call.send({ type: "context.failed", message: "unreachable" });
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")[0]).toMatchObject({ say: null, language: null });
    expect(actionsOf(actions, "log")).toContainEqual(
      expect.objectContaining({ level: "error", event: "no_apology_known" }),
    );
  });
});

describe("which media stream is the call's", () => {
  it("accepts the first stream socket and refuses a second one", () => {
    const call = new Call();
    expect(call.send({ type: "twilio.connected", conn: 1 })).toEqual([
      { type: "twilio.accept", conn: 1 },
      { type: "timer.set", name: "startDeadline", ms: 5_000 },
    ]);
    expect(call.send({ type: "twilio.connected", conn: 2 })).toEqual([
      { type: "twilio.refuse", conn: 2, reason: "stream already handled" },
    ]);
  });

  it("after a stream with a bad token, the next one may try; after the end none may", () => {
    const call = new Call();
    call.send({ type: "twilio.connected", conn: 1 });
    call.send(START);
    call.send({ type: "token.rejected", reason: "mismatch" });
    expect(actionsOf(call.send({ type: "twilio.connected", conn: 2 }), "twilio.accept")).toEqual([
      { type: "twilio.accept", conn: 2 },
    ]);
    const ended = greetedCall();
    ended.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    expect(ended.send({ type: "twilio.connected", conn: 9 })).toEqual([
      { type: "twilio.refuse", conn: 9, reason: "stream already handled" },
    ]);
  });
});

describe("the start deadline", () => {
  const connected = (call: Call, conn: number) => call.send({ type: "twilio.connected", conn });

  it("a socket that brings no start is closed at the deadline, and frees the slot for the next", () => {
    const call = new Call();
    connected(call, 1);
    call.take();
    call.advance(4_999);
    expect(call.take()).toEqual([]);
    call.advance(1);
    expect(call.take()).toEqual([
      { type: "log", level: "warn", event: "stream_without_start_closed", record: true },
      { type: "twilio.refuse", conn: 1, reason: "no valid start" },
    ]);
    expect(call.state.twilioConn).toBeNull();
    expect(actionsOf(connected(call, 2), "twilio.accept")).toEqual([{ type: "twilio.accept", conn: 2 }]);
  });

  it("a start whose token checks out in time keeps the stream; one still being checked does not", () => {
    const kept = new Call();
    connected(kept, 1);
    kept.send(START);
    kept.send({ type: "token.verified" });
    expect(kept.timers.has("startDeadline")).toBe(false);
    kept.advance(60_000);
    expect(actionsOf(kept.take(), "twilio.refuse")).toEqual([]);
    const unchecked = new Call();
    connected(unchecked, 1);
    unchecked.send(START);
    unchecked.advance(5_000);
    expect(actionsOf(unchecked.take(), "twilio.refuse")).toEqual([
      { type: "twilio.refuse", conn: 1, reason: "no valid start" },
    ]);
  });

  it("each socket gets its own deadline: a second one arriving later is not cut short", () => {
    const call = new Call();
    connected(call, 1);
    call.advance(3_000);
    call.send({ type: "socket.closed", socket: "twilio" });
    connected(call, 2);
    call.take();
    call.advance(4_999);
    expect(actionsOf(call.take(), "twilio.refuse")).toEqual([]);
    call.advance(1);
    expect(actionsOf(call.take(), "twilio.refuse")).toEqual([
      { type: "twilio.refuse", conn: 2, reason: "no valid start" },
    ]);
  });

  it("a call that ends while a socket still has no valid start closes that socket with it", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    call.advance(29_000);
    connected(call, 1);
    call.take();
    call.advance(1_000);
    const actions = call.take();
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({ kind: "end" });
    expect(actionsOf(actions, "twilio.refuse")).toEqual([
      { type: "twilio.refuse", conn: 1, reason: "no valid start" },
    ]);
  });
});
