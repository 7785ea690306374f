import { describe, expect, it } from "vitest";
import { actionsOf, Call, START, testContext } from "./scenario.ts";
import type { CallEvent } from "./types.ts";

/** A greeted call whose context asks for the insights fallback ("RECORD"). */
function call(): Call {
  const c = new Call();
  c.send({ type: "context.loaded", context: { ...testContext(), insightsRequest: "RECORD" } });
  c.send({ type: "grok.opened", conn: 1 });
  c.grok({ type: "session.updated" });
  c.send(START);
  c.send({ type: "token.verified" });
  c.modelSays({ text: "Hello Rose" });
  c.played();
  c.take();
  return c;
}

const hangUp: CallEvent = {
  type: "twilio",
  message: { event: "stop", callSid: "CA11111111111111111111111111111111" },
};
const RECORD = '{"summary":"We talked about the garden.","mood":4}';

describe("insights fallback after the call ended first", () => {
  it("asks the open session for the record in text only, and posts the answer to functions/bridge", () => {
    const c = call();
    c.callerSpeaks({ text: "The dahlias are blooming" });
    c.modelSays();
    c.take();
    const ended = c.send(hangUp);
    expect(actionsOf(ended, "grok.close")).toEqual([]);
    expect(actionsOf(ended, "bridge").map((a) => a.request.kind)).toEqual(["end"]);
    expect(actionsOf(ended, "grok.send").map((a) => a.event)).toEqual([
      { type: "response.create", response: { instructions: "RECORD", modalities: ["text"] } },
    ]);
    expect(actionsOf(ended, "timer.set")).toEqual([
      { type: "timer.set", name: "insightsFallback", ms: c.state.config.insightsFallbackMs },
    ]);
    c.grok({ type: "response.created", responseId: "r_text" });
    c.grok({ type: "response.text.delta", responseId: "r_text", delta: RECORD.slice(0, 10) });
    c.grok({ type: "response.text.delta", responseId: "r_text", delta: RECORD.slice(10) });
    const answered = c.grok({ type: "response.done", responseId: "r_text", status: "completed" });
    expect(actionsOf(answered, "bridge")).toEqual([
      { type: "bridge", request: { kind: "insights", text: RECORD } },
    ]);
    expect(actionsOf(answered, "grok.close")).toEqual([{ type: "grok.close", conn: 1 }]);
    expect(actionsOf(answered, "timer.cancel")).toEqual([{ type: "timer.cancel", name: "insightsFallback" }]);
  });

  it("cancels a reply still in flight, and asks once it is done", () => {
    const c = call();
    c.callerSpeaks({ text: "Goodbye dear" });
    const reply = c.modelSays({ open: true });
    c.take();
    const ended = c.send(hangUp);
    expect(actionsOf(ended, "grok.send").map((a) => a.event)).toEqual([{ type: "response.cancel" }]);
    const after = c.grok({ type: "response.done", responseId: reply.responseId, status: "cancelled" });
    expect(actionsOf(after, "grok.send").map((a) => a.event.type)).toEqual(["response.create"]);
  });

  it("gives up at the time limit and closes the session; nothing is posted", () => {
    const c = call();
    c.callerSpeaks({ text: "Hello" });
    c.modelSays();
    c.send(hangUp);
    c.take();
    const late = c.send({ type: "timer", name: "insightsFallback" });
    expect(actionsOf(late, "grok.close")).toEqual([{ type: "grok.close", conn: 1 }]);
    expect(actionsOf(late, "bridge")).toEqual([]);
    expect(actionsOf(late, "log").map((a) => a.event)).toContain("insights_fallback_timeout");
  });

  it("asks nothing when the person never spoke (too short to have content)", () => {
    const c = call();
    const ended = c.send(hangUp);
    expect(actionsOf(ended, "grok.close")).toEqual([{ type: "grok.close", conn: 1 }]);
    expect(actionsOf(ended, "grok.send")).toEqual([]);
  });

  it("asks nothing when the model already recorded the insights", () => {
    const c = call();
    c.callerSpeaks({ text: "Bye now" });
    c.grok({
      type: "response.function_call_arguments.done",
      callId: "c1",
      name: "log_call_insights",
      arguments: RECORD,
    });
    c.send({ type: "tool.result", callId: "c1", result: { output: { ok: true, stored: true } } });
    c.take();
    const ended = c.send(hangUp);
    expect(actionsOf(ended, "grok.send").filter((a) => a.event.type === "response.create")).toEqual([]);
    expect(actionsOf(ended, "grok.close")).toEqual([{ type: "grok.close", conn: 1 }]);
  });
});
