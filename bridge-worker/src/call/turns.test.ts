import { describe, expect, it } from "vitest";
import { actionsOf, greetedCall } from "./scenario.ts";

describe("silence", () => {
  it("checks in after 20 s, says goodbye after a second silence, and hangs up as caller_silent", () => {
    const call = greetedCall();
    call.advance(19_999);
    expect(call.grokSent()).toEqual([]);
    call.advance(1);
    expect(call.grokSent()).toEqual([
      { type: "response.create", response: { instructions: "SILENCE_CHECK" } },
    ]);
    call.modelSays({ text: "Are you still there?" });
    call.played();
    call.advance(20_000);
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "SILENCE_BYE" } }]);
    call.modelSays({ text: "Goodbye" });
    call.take();
    call.played();
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toEqual([
      {
        type: "twilio.hangup",
        callSid: "CA11111111111111111111111111111111",
        say: null,
        language: null,
        attempt: 1,
      },
    ]);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "caller_silent" },
    });
  });

  it("an answer resets the count", () => {
    const call = greetedCall();
    call.advance(20_000);
    call.modelSays();
    call.played();
    call.callerSpeaks({ text: "Sorry, I was making tea" });
    call.modelSays();
    call.played();
    call.take();
    call.advance(20_000);
    expect(call.grokSent()).toEqual([
      { type: "response.create", response: { instructions: "SILENCE_CHECK" } },
    ]);
  });

  it("does not count time while the assistant is still being heard", () => {
    const call = greetedCall();
    call.modelSays({ chunks: 3 });
    call.advance(30_000); // marks not echoed yet: the caller is still listening
    expect(call.grokSent()).toEqual([]);
  });
});

describe("keypad", () => {
  it("1 repeats and 0 gives help, interrupting what is playing", () => {
    const call = greetedCall();
    call.pressKey("1");
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "REPEAT" } }]);
    call.modelSays({ chunks: 5, open: true });
    call.take();
    call.pressKey("0");
    const actions = call.take();
    expect(actionsOf(actions, "twilio.clear")).toHaveLength(1);
    expect(actionsOf(actions, "grok.send").map((a) => a.event.type)).toEqual([
      "response.cancel",
      "conversation.item.truncate",
    ]);
    call.grok({ type: "response.done", responseId: call.state.response.id ?? "", status: "cancelled" });
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "HELP" } }]);
  });

  it("9 then 9 within 30 s records the opt-out, says goodbye and hangs up", () => {
    const call = greetedCall();
    call.pressKey("9");
    expect(call.grokSent()).toEqual([
      { type: "response.create", response: { instructions: "OPTOUT_CONFIRM" } },
    ]);
    call.modelSays();
    call.played();
    call.advance(5_000);
    call.take();
    call.pressKey("9");
    expect(actionsOf(call.take(), "bridge")).toEqual([{ type: "bridge", request: { kind: "optOut" } }]);
    call.send({ type: "optOut.recorded", ok: true });
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "OPTOUT_BYE" } }]);
    call.modelSays();
    call.played();
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toHaveLength(1);
    expect(actionsOf(actions, "twilio.close")).toHaveLength(1);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({ summary: { endReason: "opt_out" } });
  });

  it("a second 9 after the window only asks again", () => {
    const call = greetedCall({ config: { silenceMs: 60_000 } });
    call.pressKey("9");
    call.modelSays();
    call.played();
    call.advance(30_001);
    call.take();
    call.pressKey("9");
    const actions = call.take();
    expect(actionsOf(actions, "bridge")).toEqual([]);
    expect(actionsOf(actions, "grok.send").map((a) => a.event)).toContainEqual({
      type: "response.create",
      response: { instructions: "OPTOUT_CONFIRM" },
    });
  });

  it("the goodbye is hung up at the deadline if it is never heard", () => {
    const call = greetedCall();
    call.pressKey("9");
    call.pressKey("9");
    call.send({ type: "optOut.recorded", ok: false });
    call.take();
    call.advance(25_000);
    expect(actionsOf(call.take(), "twilio.hangup")).toHaveLength(1);
  });
});
