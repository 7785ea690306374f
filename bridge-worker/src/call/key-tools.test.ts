import { describe, expect, it } from "vitest";
import { actionsOf, greetedCall } from "./scenario.ts";

/** A reminder call lends key 1 to `acknowledge_reminder` (context `keyTools`, issue 24). */
describe("keys lent to a tool", () => {
  const reminderCall = () => greetedCall({ context: { keyTools: { "1": "acknowledge_reminder" } } });

  it("posts the tool for the pressed key instead of repeating, then says the result's follow-up", () => {
    const call = reminderCall();
    call.modelSays({ chunks: 4, open: true });
    call.take();
    const pressed = call.pressKey("1");
    const requests = actionsOf(pressed, "bridge").map((a) => a.request);
    expect(requests).toEqual([
      { kind: "tool", callId: "key_1_1", name: "acknowledge_reminder", arguments: { via: "keypad" } },
    ]);
    expect(actionsOf(pressed, "grok.send")).toEqual([]);

    const answered = call.send({
      type: "tool.result",
      callId: "key_1_1",
      result: { output: { ok: true, acknowledged: 1 }, followUp: "THANK_THEM" },
    });
    // Whatever was playing is cut, and no function output is sent for a call the model never made.
    expect(actionsOf(answered, "twilio.clear")).toHaveLength(1);
    const sent = actionsOf(answered, "grok.send").map((a) => a.event.type);
    expect(sent).not.toContain("conversation.item.create");
    call.take();
    call.grok({ type: "response.done", responseId: call.state.response.id ?? "", status: "cancelled" });
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "THANK_THEM" } }]);
    expect(call.state.pendingTools).toEqual({});
  });

  it("keeps every other key's meaning, and key 1 repeats on a call that lends it to nothing", () => {
    const call = reminderCall();
    call.pressKey("0");
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "HELP" } }]);
    const plain = greetedCall();
    plain.pressKey("1");
    expect(plain.grokSent()).toEqual([{ type: "response.create", response: { instructions: "REPEAT" } }]);
  });

  it("gives up quietly when functions/bridge does not answer: no output to the model, nothing pending", () => {
    const call = reminderCall();
    call.pressKey("1");
    call.take();
    const failed = call.send({ type: "tool.failed", callId: "key_1_1", message: "down", retryable: true });
    expect(actionsOf(failed, "grok.send")).toEqual([]);
    expect(call.state.pendingTools).toEqual({});
  });
});
