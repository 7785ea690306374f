import { describe, expect, it } from "vitest";
import type { GrokClientEvent } from "../grok/types.ts";
import { actionsOf, greetedCall } from "./scenario.ts";

function toolOutput(event: GrokClientEvent | undefined): Record<string, unknown> {
  if (event?.type !== "conversation.item.create" || event.item.type !== "function_call_output")
    throw new Error(`not a function_call_output: ${JSON.stringify(event)}`);
  return JSON.parse(event.item.output) as Record<string, unknown>;
}

function modelCallsTool(call: ReturnType<typeof greetedCall>, callId = "c1") {
  call.grok({ type: "response.created", responseId: "rt" });
  call.grok({
    type: "response.function_call_arguments.done",
    callId,
    name: "recall_memory",
    arguments: '{"q":"garden"}',
  });
  call.grok({ type: "response.done", responseId: "rt", status: "completed" });
}

describe("tools", () => {
  it("forwards the call, returns the output and asks the model to go on", () => {
    const call = greetedCall();
    modelCallsTool(call);
    expect(actionsOf(call.take(), "bridge")).toEqual([
      {
        type: "bridge",
        request: { kind: "tool", callId: "c1", name: "recall_memory", arguments: { q: "garden" } },
      },
    ]);
    call.advance(500);
    call.send({
      type: "tool.result",
      callId: "c1",
      result: { output: { found: ["roses"] }, followUp: "REMIND" },
    });
    expect(call.grokSent()).toEqual([
      {
        type: "conversation.item.create",
        item: { type: "function_call_output", call_id: "c1", output: '{"found":["roses"]}' },
      },
      { type: "response.create", response: { instructions: "REMIND" } },
    ]);
    call.advance(10_000);
    expect(call.grokSent().filter((e) => e.type === "response.create")).toEqual([]);
  });

  it("a slow tool gets a filler at 1.5 s and an honest failure at 5 s; a late result is dropped", () => {
    const call = greetedCall();
    modelCallsTool(call);
    call.take();
    call.advance(1_499);
    expect(call.grokSent()).toEqual([]);
    call.advance(1);
    expect(call.grokSent()).toEqual([{ type: "response.create", response: { instructions: "FILLER" } }]);
    call.modelSays({ text: "One moment" });
    call.played();
    call.advance(3_500);
    const sent = call.grokSent();
    expect(sent[0]).toMatchObject({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: "c1" },
    });
    expect(
      sent[0]?.type === "conversation.item.create" &&
        sent[0].item.type === "function_call_output" &&
        JSON.parse(sent[0].item.output),
    ).toMatchObject({ ok: false });
    expect(sent[1]).toEqual({ type: "response.create" });
    call.send({ type: "tool.result", callId: "c1", result: { output: { found: [] } } });
    expect(call.grokSent()).toEqual([]);
    expect(call.state.phase).toBe("live");
  });

  it("a failing tool answers the model at once and the call goes on", () => {
    const call = greetedCall();
    modelCallsTool(call);
    call.take();
    call.send({ type: "tool.failed", callId: "c1", message: "500", retryable: true });
    const sent = call.grokSent();
    expect(sent.map((e) => e.type)).toEqual(["conversation.item.create", "response.create"]);
    expect(toolOutput(sent[0])).toMatchObject({ ok: false, reason: "unavailable", retryable: true });
    call.advance(6_000);
    expect(call.grokSent().filter((e) => e.type === "conversation.item.create")).toEqual([]);
  });

  it("only a transient failure invites a retry: a refused call tells the model not to try again", () => {
    const call = greetedCall();
    modelCallsTool(call);
    call.take();
    call.send({ type: "tool.failed", callId: "c1", message: "bridge tool answered 404", retryable: false });
    const output = toolOutput(call.grokSent()[0]);
    expect(output).toMatchObject({ ok: false, reason: "failed", retryable: false });
    expect(output.say).toMatch(/Do not try it again/);
  });

  it("a tool's expected refusal is its output, handed to the model as it is", () => {
    const call = greetedCall();
    modelCallsTool(call);
    const refusal = { ok: false, reason: "not_found", say: "No memory with that id was found." };
    call.send({ type: "tool.result", callId: "c1", result: { output: refusal } });
    expect(toolOutput(call.grokSent()[0])).toEqual(refusal);
  });

  it("endCall from a tool hangs up after the model's next response", () => {
    const call = greetedCall();
    modelCallsTool(call);
    call.send({ type: "tool.result", callId: "c1", result: { output: { ok: true }, endCall: true } });
    call.modelSays({ text: "Take care" });
    call.take();
    call.played();
    expect(actionsOf(call.take(), "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "assistant_goodbye", toolCalls: 1 },
    });
  });
});

describe("minutes", () => {
  it("a trial with 1 minute left: warned, then cut off with a goodbye between 60 and 90 s", () => {
    const call = greetedCall({
      minutes: { secondsRemaining: 60, planKind: "trial", hardCutoff: true },
      config: { silenceMs: 120_000 },
    });
    call.advance(0);
    expect(call.grokSent()).toContainEqual({
      type: "response.create",
      response: { instructions: "LOW_MINUTES" },
    });
    call.modelSays();
    call.played();
    call.callerSpeaks({ text: "Oh, already?" });
    call.modelSays({ chunks: 2 });
    call.played();
    call.take();
    call.advance(60_000 - 600);
    expect(call.grokSent()).toContainEqual({
      type: "response.create",
      response: { instructions: "MINUTES_BYE" },
    });
    call.modelSays({ chunks: 40, text: "Goodbye Rose" });
    call.advance(4_000);
    call.played();
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toHaveLength(1);
    expect(actionsOf(actions, "bridge")[0]?.request).toMatchObject({
      summary: { endReason: "minutes_exhausted", streamSeconds: 64 },
    });
  });

  it("hangs up by the deadline even if the goodbye never finishes", () => {
    const call = greetedCall({ minutes: { secondsRemaining: 120, planKind: "trial", hardCutoff: true } });
    call.advance(120_000);
    call.take();
    call.advance(25_000);
    expect(actionsOf(call.take(), "twilio.hangup")).toHaveLength(1);
  });

  it("re-checks each minute; a re-check can shorten the deadline but never extend it", () => {
    const call = greetedCall({ minutes: { secondsRemaining: 600, planKind: "trial", hardCutoff: true } });
    call.advance(60_000);
    expect(actionsOf(call.take(), "bridge")).toEqual([{ type: "bridge", request: { kind: "minutes" } }]);
    call.send({
      type: "minutes.status",
      minutes: { secondsRemaining: 900, planKind: "trial", hardCutoff: true },
    });
    expect(call.state.minutes.deadlineAt).toBe(call.now + 540_000);
    call.send({
      type: "minutes.status",
      minutes: { secondsRemaining: 30, planKind: "trial", hardCutoff: true },
    });
    expect(call.state.minutes.deadlineAt).toBe(call.now + 30_000);
  });

  it("paid plans run on into overage", () => {
    const call = greetedCall({ minutes: { secondsRemaining: 0, planKind: "paid", hardCutoff: false } });
    call.advance(3 * 60_000);
    const actions = call.take();
    expect(actionsOf(actions, "twilio.hangup")).toEqual([]);
    expect(actionsOf(actions, "bridge").map((a) => a.request.kind)).toEqual([
      "minutes",
      "minutes",
      "minutes",
    ]);
  });
});
