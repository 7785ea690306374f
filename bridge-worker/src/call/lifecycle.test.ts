import { describe, expect, it } from "vitest";
import { actionsOf, Call, greetedCall, START, startCall, testContext, ulaw } from "./scenario.ts";

describe("call start", () => {
  it("warm start: Grok is ready before the stream, and the greeting is asked for as the token checks out", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    expect(actionsOf(call.take(), "grok.connect")).toEqual([{ type: "grok.connect", conn: 1 }]);
    call.send({ type: "grok.opened", conn: 1 });
    const update = call.grokSent()[0];
    expect(update?.type === "session.update" && update.session.instructions).toBe("INSTRUCTIONS");
    call.grok({ type: "session.updated" });
    expect(call.grokSent()).toEqual([]);
    call.send(START);
    expect(actionsOf(call.take(), "token.verify")).toEqual([
      {
        type: "token.verify",
        token: "t",
        callSid: "CA11111111111111111111111111111111",
        accountSid: "AC22222222222222222222222222222222",
      },
    ]);
    call.send({ type: "token.verified" });
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "GREET" } }]);
  });

  it("cold start: the stream comes first, then context and Grok, then the greeting", () => {
    const call = startCall({ warm: false });
    expect(actionsOf(call.log, "bridge")[0]).toEqual({ type: "bridge", request: { kind: "context" } });
    expect(call.log.filter((a) => a.type === "grok.send" && a.event.type === "response.create")).toHaveLength(
      1,
    );
  });

  it("relays caller audio untouched once live, and nothing before the token is verified", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    call.send({ type: "grok.opened", conn: 1 });
    call.grok({ type: "session.updated" });
    call.send(START);
    const before = call.state;
    expect(
      call.send({ type: "twilio", message: { event: "media", payload: "AAAA", track: "inbound" } }),
    ).toEqual([]);
    call.send({ type: "token.verified" });
    const frame = ulaw(160);
    const actions = call.send({
      type: "twilio",
      message: { event: "media", payload: frame, track: "inbound" },
    });
    expect(actions).toEqual([
      { type: "grok.send", conn: 1, event: { type: "input_audio_buffer.append", audio: frame } },
    ]);
    expect(before.stream?.verified).toBe(false);
  });

  it("keeps the same state object on the per-frame media path", () => {
    const call = greetedCall();
    const before = call.state;
    call.send({ type: "twilio", message: { event: "media", payload: ulaw(160), track: "inbound" } });
    expect(call.state).toBe(before);
  });

  it("a bad stream token closes that stream and touches nothing else", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    call.send({ type: "grok.opened", conn: 1 });
    call.grok({ type: "session.updated" });
    call.send({ type: "twilio.connected", conn: 1 });
    call.take();
    call.send(START);
    call.send({ type: "token.rejected", reason: "mismatch" });
    const actions = call.take();
    expect(actions.map((a) => a.type)).toEqual(["token.verify", "log", "twilio.refuse"]);
    expect(actions[2]).toEqual({ type: "twilio.refuse", conn: 1, reason: "no valid start" });
    expect(call.state.phase).toBe("opening");
  });

  it("a second start on a live call is ignored: no token check, same stream and CallSid", () => {
    const call = greetedCall();
    const before = call.state.stream;
    const start = START.type === "twilio" && START.message.event === "start" ? START.message : null;
    if (!start) throw new Error("START is a start message");
    call.send({
      type: "twilio",
      message: {
        ...start,
        streamSid: "MZ2",
        callSid: `CA${"9".repeat(32)}`,
        customParameters: { token: "x" },
      },
    });
    const actions = call.take();
    expect(actionsOf(actions, "token.verify")).toEqual([]);
    expect(actionsOf(actions, "log").map((a) => a.event)).toEqual(["second_stream_ignored"]);
    expect(call.state.stream).toBe(before);
  });

  it("a second start while the first token is being checked is ignored too", () => {
    const call = new Call();
    call.send(START);
    call.send(START);
    expect(actionsOf(call.take(), "token.verify")).toHaveLength(1);
  });

  it("a start whose CallSid is not a Twilio CallSid is closed without a token check", () => {
    const call = new Call();
    const start = START.type === "twilio" && START.message.event === "start" ? START.message : null;
    if (!start) throw new Error("START is a start message");
    call.send({ type: "twilio.connected", conn: 1 });
    call.take();
    call.send({ type: "twilio", message: { ...start, callSid: "CA../../Messages" } });
    const actions = call.take();
    expect(actions.map((a) => a.type)).toEqual(["log", "twilio.refuse"]);
    expect(call.state.stream).toBeNull();
  });

  it("a warm-started call whose stream never comes closes Grok after the stream wait", () => {
    const call = new Call();
    call.send({ type: "context.loaded", context: testContext() });
    call.send({ type: "grok.opened", conn: 1 });
    call.take();
    call.advance(29_999);
    expect(call.take()).toEqual([]);
    call.advance(1);
    const actions = call.take();
    expect(actionsOf(actions, "grok.close")).toEqual([{ type: "grok.close", conn: 1 }]);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({
      kind: "end",
      summary: { endReason: "stream_error" },
    });
  });

  it("context that cannot load ends a live call with the stream's own apology, never silence", () => {
    const call = new Call();
    const start = START.type === "twilio" && START.message.event === "start" ? START.message : null;
    if (!start) throw new Error("START is a start message");
    const customParameters = { ...start.customParameters, apology: "Lo siento. Adiós.", language: "es-US" };
    call.send({ type: "twilio", message: { ...start, customParameters } });
    call.send({ type: "token.verified" });
    call.send({ type: "context.failed", message: "500" });
    expect(actionsOf(call.take(), "twilio.hangup")).toEqual([
      {
        type: "twilio.hangup",
        callSid: "CA11111111111111111111111111111111",
        say: "Lo siento. Adiós.",
        language: "es-US",
        attempt: 1,
      },
    ]);
  });
});

describe("call end", () => {
  it("Twilio stop closes both sockets, cancels timers and posts the summary exactly once", () => {
    const call = greetedCall();
    call.callerSpeaks({ text: "I went to the garden today" });
    call.modelSays({ text: "How lovely" });
    call.played();
    call.advance(4_000);
    call.take();
    call.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    call.send({ type: "socket.closed", socket: "twilio" });
    call.send({ type: "socket.closed", socket: "grok", conn: 1 });
    call.advance(60_000);
    const actions = call.take();
    expect(actions.map((a) => a.type)).toEqual([
      "timer.cancelAll",
      "grok.abandon",
      "grok.close",
      "twilio.close",
      "alarm.cancel",
      "call.forget",
      "bridge",
      "log",
    ]);
    expect(actionsOf(actions, "bridge")[0]?.request).toEqual({
      kind: "end",
      attempt: 1,
      summary: {
        endReason: "caller_hangup",
        streamSeconds: 5,
        callerTurns: 1,
        assistantTurns: 2,
        bargeIns: 0,
        toolCalls: 0,
        firstAudioMs: 0,
      },
    });
    expect(call.timers.size).toBe(0);
  });

  it("the Twilio socket closing without a stop ends the call as a stream error", () => {
    const call = greetedCall();
    call.send({ type: "socket.closed", socket: "twilio" });
    expect(actionsOf(call.take(), "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "stream_error" },
    });
  });

  it("posts each final caller transcript without waiting, skipping backchannels", () => {
    const call = greetedCall();
    call.callerSpeaks({ text: "mm-hmm" });
    call.callerSpeaks({ text: "My knee hurts today" });
    expect(actionsOf(call.take(), "bridge").map((a) => a.request)).toEqual([
      { kind: "transcript", text: "My knee hurts today" },
    ]);
  });

  it("injects the backstop's hint as a system message and asks for a response", () => {
    const call = greetedCall();
    call.send({ type: "transcript.hint", hint: "CHECK_IN" });
    expect(call.grokSent()).toEqual([
      {
        type: "conversation.item.create",
        item: { type: "message", role: "system", content: [{ type: "input_text", text: "CHECK_IN" }] },
      },
      { type: "response.create" },
    ]);
    call.send({ type: "transcript.hint", hint: null });
    expect(call.grokSent()).toEqual([]);
  });
});
