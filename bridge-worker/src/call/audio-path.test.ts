import { describe, expect, it } from "vitest";
import { actionsOf, greetedCall, ulaw } from "./scenario.ts";

describe("the model-to-caller fast path", () => {
  it("relays a delta in the middle of an item with no state copy, and marks every 100 ms", () => {
    const call = greetedCall();
    const { responseId, itemId } = call.modelSays({ chunks: 1, chunkMs: 20, open: true });
    call.take();
    const state = call.state;
    const delta = ulaw(160);
    for (let i = 0; i < 4; i++) {
      expect(call.grok({ type: "response.output_audio.delta", responseId, itemId, delta })).toEqual([
        { type: "twilio.media", streamSid: "MZ1", payload: delta },
        ...(i === 3 ? [{ type: "twilio.mark", streamSid: "MZ1", name: `${state.playback.gen}:800` }] : []),
      ]);
    }
    expect(call.state).toBe(state);
    expect(call.state.playback).toMatchObject({ itemId, sentBytes: 800, markedBytes: 800 });
  });

  it("counts a mark echo as heard audio in place, and ignores echoes of an older generation", () => {
    const call = greetedCall();
    const { responseId, itemId } = call.modelSays({ chunks: 6, chunkMs: 20, open: true });
    const state = call.state;
    const gen = state.playback.gen;
    expect(call.pendingMarks).toEqual([`${gen}:800`]);
    call.played();
    expect(call.state).toBe(state);
    expect(call.state.playback.playedBytes).toBe(800);
    expect(call.send({ type: "twilio", message: { event: "mark", name: `${gen - 1}:960` } })).toEqual([]);
    expect(call.state.playback.playedBytes).toBe(800);
    call.grok({ type: "response.output_audio.done", responseId, itemId });
    expect(call.state.playback.itemId).toBe(itemId);
  });

  it("leaves the echo that completes an item to the full reducer, which reaches the turn boundary", () => {
    const call = greetedCall();
    const { responseId, itemId } = call.modelSays({ chunks: 7, chunkMs: 20, open: true });
    call.modelFinishes(responseId, itemId);
    call.played(1);
    expect(call.state.playback.itemId).toBe(itemId);
    call.take();
    call.played();
    expect(call.state.playback.itemId).toBeNull();
    expect(actionsOf(call.take(), "timer.set").map((a) => a.name)).toContain("silence");
  });

  it("drops deltas of a cancelled response after a barge-in", () => {
    const call = greetedCall();
    const { responseId, itemId } = call.modelSays({ chunks: 6, chunkMs: 20, open: true });
    call.callerSpeaks({ ms: 400 });
    call.take();
    expect(call.grok({ type: "response.output_audio.delta", responseId, itemId, delta: ulaw(160) })).toEqual(
      [],
    );
  });
});
