import { describe, expect, it } from "vitest";
import { parseGrokEvent } from "./codec.ts";
import { scanAudioDelta } from "./scanner.ts";

const delta = {
  type: "response.output_audio.delta",
  event_id: "event_7",
  response_id: "resp_1",
  item_id: "item_1",
  output_index: 0,
  content_index: 0,
  delta: "//79fn5+fg==",
};

describe("scanAudioDelta", () => {
  it("reads an audio delta exactly as the full parse does, whatever the key order", () => {
    const reordered = { delta: delta.delta, item_id: "item_1", type: delta.type, response_id: "resp_1" };
    const withoutIds = { type: delta.type, delta: "AAAA" };
    for (const value of [delta, reordered, withoutIds]) {
      const text = JSON.stringify(value);
      expect(scanAudioDelta(text)).not.toBeNull();
      expect(scanAudioDelta(text)).toEqual(JSON.parse(JSON.stringify(parseGrokEvent(text))));
    }
    expect(scanAudioDelta(JSON.stringify(delta))).toEqual({
      type: "response.output_audio.delta",
      responseId: "resp_1",
      itemId: "item_1",
      delta: "//79fn5+fg==",
    });
  });

  it("leaves other events, nested or escaped text and repeated fields to the full parse", () => {
    const texts = [
      JSON.stringify({ type: "response.output_audio_transcript.delta", item_id: "i", delta: "hi" }),
      JSON.stringify({ ...delta, extra: { nested: true } }),
      JSON.stringify(delta).replace("//79", "\\/\\/79"),
      '{"type":"response.output_audio.delta","item_id":"a","item_id":"b","delta":"AAAA"}',
      JSON.stringify({ type: delta.type, item_id: "i" }),
    ];
    for (const text of texts) expect(scanAudioDelta(text)).toBeNull();
  });

  it("keeps the full parse's answer for what it leaves", () => {
    const escaped = JSON.stringify(delta).replace("//79", "\\/\\/79");
    expect(parseGrokEvent(escaped)).toMatchObject({
      type: "response.output_audio.delta",
      delta: "//79fn5+fg==",
    });
  });
});
