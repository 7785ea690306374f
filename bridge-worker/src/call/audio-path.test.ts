import { describe, expect, it } from "vitest";
import { actionsOf, greetedCall, startCall, ulaw } from "./scenario.ts";
import { fastStep, step } from "./step.ts";

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

  it("the clock-free fastStep the shell tries first declines whatever needs the clock", () => {
    const call = startCall();
    const conn = call.state.grok.conn;
    const frame = (responseId: string, itemId: string) =>
      ({
        type: "grok",
        conn,
        event: { type: "response.output_audio.delta", responseId, itemId, delta: ulaw(160) },
      }) as const;
    // The call's first audio is timed (stats.firstAudioAt): that needs the clock, so the full step.
    const { responseId, itemId } = call.modelSays({ chunks: 0, open: true });
    expect(call.state.stats.firstAudioAt).toBeNull();
    expect(fastStep(call.state, frame(responseId, itemId))).toBeNull();
    expect(fastStep(call.state, { type: "alarm" })).toBeNull();
    expect(fastStep(call.state, { type: "timer", name: "silence" })).toBeNull();
    call.grok(frame(responseId, itemId).event);
    // Mid-item, a frame is the fast path's: relayed, the state kept (counters move in place).
    const state = call.state;
    expect(fastStep(state, frame(responseId, itemId))).toEqual({
      state,
      actions: [{ type: "twilio.media", streamSid: "MZ1", payload: ulaw(160) }],
    });
  });

  it("step reads the clock only for the events the fast path declined", () => {
    const call = startCall();
    const { responseId, itemId } = call.modelSays({ chunks: 1, open: true });
    let reads = 0;
    const clock = () => {
      reads++;
      return call.now;
    };
    const delta = { type: "response.output_audio.delta", responseId, itemId, delta: ulaw(160) } as const;
    const media = { event: "media", payload: ulaw(160), track: "inbound" } as const;
    let state = step(call.state, { type: "grok", conn: call.state.grok.conn, event: delta }, clock).state;
    state = step(state, { type: "twilio", message: media }, clock).state;
    expect(reads).toBe(0);
    step(state, { type: "timer", name: "silence" }, clock);
    expect(reads).toBe(1);
  });
});
