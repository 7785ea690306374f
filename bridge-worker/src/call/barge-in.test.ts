import { describe, expect, it } from "vitest";
import { actionsOf, greetedCall, startCall } from "./scenario.ts";

const started = (itemId = "u1") =>
  ({ type: "input_audio_buffer.speech_started", itemId, audioStartMs: 0 }) as const;
const stopped = (itemId = "u1") => ({ type: "input_audio_buffer.speech_stopped", itemId }) as const;

describe("barge-in", () => {
  it("during the greeting: clear, cancel and truncate to the heard audio after the debounce", () => {
    const call = startCall();
    const { itemId } = call.modelSays({ chunks: 5, open: true }); // 500 ms sent
    call.played(2); // the caller heard 200 ms
    call.take();
    call.grok(started());
    expect(actionsOf(call.take(), "twilio.clear")).toEqual([]);
    call.advance(160);
    const actions = call.take();
    expect(actionsOf(actions, "twilio.clear")).toEqual([{ type: "twilio.clear", streamSid: "MZ1" }]);
    expect(actionsOf(actions, "grok.send").map((a) => a.event)).toEqual([
      { type: "response.cancel" },
      { type: "conversation.item.truncate", item_id: itemId, content_index: 0, audio_end_ms: 200 },
    ]);
    expect(call.state.stats.bargeIns).toBe(1);
  });

  it("keeps the debounce well inside the 300 ms the acceptance allows", () => {
    const call = startCall();
    expect(call.state.config.bargeInDebounceMs).toBeLessThanOrEqual(200);
  });

  it("a short 'mm-hmm' while the AI talks does not cut it off", () => {
    const call = greetedCall();
    call.modelSays({ chunks: 20, open: true });
    call.take();
    call.grok(started());
    call.advance(120);
    call.grok(stopped());
    call.advance(1_000);
    const actions = call.take();
    expect(actionsOf(actions, "twilio.clear")).toEqual([]);
    expect(actionsOf(actions, "grok.send")).toEqual([]);
    expect(call.state.stats.bargeIns).toBe(0);
  });

  it("interrupt before the first audio delta: cancel only, nothing to truncate", () => {
    const call = startCall(); // greeting requested, nothing created yet
    call.grok({ type: "response.created", responseId: "r1" });
    call.take();
    call.grok(started());
    call.advance(200);
    const sent = call.grokSent();
    expect(sent).toEqual([{ type: "response.cancel" }]);
  });

  it("interrupt before response.created: the response is cancelled when it appears", () => {
    const call = startCall();
    call.take();
    call.grok(started());
    call.advance(200);
    expect(call.grokSent()).toEqual([]);
    call.grok({ type: "response.created", responseId: "r1" });
    expect(call.grokSent()).toEqual([{ type: "response.cancel" }]);
    call.grok({ type: "response.output_audio.delta", responseId: "r1", itemId: "i1", delta: "////" });
    expect(actionsOf(call.take(), "twilio.media")).toEqual([]);
  });

  it("marks echoed by the clear do not count as heard", () => {
    const call = greetedCall();
    call.modelSays({ chunks: 10, open: true });
    call.played(3);
    call.grok(started());
    call.advance(200);
    call.twilioClears(); // Twilio echoes the 7 pending marks after clear
    expect(call.state.playback.playedBytes).toBe(0);
  });

  it("late echoes of cleared marks that arrive after the next item started do not count for it", () => {
    const call = greetedCall();
    const first = call.modelSays({ chunks: 10, open: true });
    call.played(3);
    call.grok(started());
    call.advance(200);
    call.grok({ type: "response.done", responseId: first.responseId, status: "cancelled" });
    call.grok(stopped());
    const stale = call.pendingMarks.splice(0); // echoes still on their way
    const next = call.modelSays({ chunks: 2, open: true });
    for (const name of stale) call.send({ type: "twilio", message: { event: "mark", name } });
    expect(call.state.playback.playedBytes).toBe(0);
    call.take();
    call.grok(started("u2"));
    call.advance(200);
    const truncates = call.grokSent().filter((e) => e.type === "conversation.item.truncate");
    expect(truncates).toEqual([
      { type: "conversation.item.truncate", item_id: next.itemId, content_index: 0, audio_end_ms: 0 },
    ]);
  });

  it("stale deltas of the cancelled response are dropped", () => {
    const call = greetedCall();
    const { responseId, itemId } = call.modelSays({ chunks: 3, open: true });
    call.grok(started());
    call.advance(200);
    call.take();
    call.deltas(responseId, itemId, 4);
    call.grok({ type: "response.done", responseId, status: "cancelled" });
    expect(actionsOf(call.take(), "twilio.media")).toEqual([]);
    // The next response plays normally.
    call.grok(stopped());
    call.modelSays({ chunks: 2 });
    expect(actionsOf(call.take(), "twilio.media")).toHaveLength(2);
  });

  it("a truncate never exceeds the audio sent, even if marks claim more", () => {
    const call = greetedCall();
    const { itemId } = call.modelSays({ chunks: 2, open: true }); // 200 ms sent
    call.send({ type: "twilio", message: { event: "mark", name: `${call.state.playback.gen}:999999` } });
    call.grok(started());
    call.advance(200);
    const truncate = call.grokSent().find((e) => e.type === "conversation.item.truncate");
    expect(truncate).toEqual({
      type: "conversation.item.truncate",
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 200,
    });
  });

  it("speech while nobody talks is just the caller's turn: no clear, no cancel", () => {
    const call = greetedCall();
    call.grok(started());
    call.advance(500);
    const actions = call.take();
    expect(actionsOf(actions, "twilio.clear")).toEqual([]);
    expect(actionsOf(actions, "grok.send")).toEqual([]);
  });

  it("a Grok error after a racing truncate is logged and the call goes on", () => {
    const call = greetedCall();
    call.grok({
      type: "error",
      code: "invalid_value",
      message: "audio_end_ms too large",
      errorType: "invalid_request_error",
    });
    expect(call.state.phase).toBe("live");
    expect(actionsOf(call.take(), "log")[0]).toMatchObject({ level: "warn", event: "grok_error" });
  });
});
