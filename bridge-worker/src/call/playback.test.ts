import { describe, expect, it } from "vitest";
import { actionsOf, greetedCall } from "./scenario.ts";

describe("playback marks", () => {
  it("marks every 100 ms of 20 ms deltas, and the item's tail when its audio is done", () => {
    const call = greetedCall();
    call.take();
    const { responseId, itemId } = call.modelSays({ chunks: 12, chunkMs: 20, open: true }); // 240 ms
    expect(actionsOf(call.take(), "twilio.mark").map((a) => a.name)).toEqual(["2:800", "2:1600"]);
    call.grok({ type: "response.output_audio.done", responseId, itemId });
    expect(actionsOf(call.take(), "twilio.mark").map((a) => a.name)).toEqual(["2:1920"]);
  });

  it("knows the caller heard the whole item only once the tail mark comes back", () => {
    const call = greetedCall();
    const { responseId, itemId } = call.modelSays({ chunks: 7, chunkMs: 20, open: true }); // 140 ms
    call.grok({ type: "response.output_audio.done", responseId, itemId });
    call.played(1); // the 100 ms mark
    expect(call.state.playback.itemId).toBe(itemId);
    call.played(); // the tail mark
    expect(call.state.playback.itemId).toBeNull();
  });

  it("truncates to the last confirmed mark when interrupted between marks", () => {
    const call = greetedCall();
    const { itemId } = call.modelSays({ chunks: 9, chunkMs: 20, open: true }); // 180 ms sent, one mark at 100
    call.played();
    call.take();
    call.grok({ type: "input_audio_buffer.speech_started", itemId: "u1", audioStartMs: 0 });
    call.advance(200);
    const truncate = actionsOf(call.take(), "grok.send").find(
      (a) => a.event.type === "conversation.item.truncate",
    );
    expect(truncate?.event).toEqual({
      type: "conversation.item.truncate",
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 100,
    });
  });
});
