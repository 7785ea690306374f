import { describe, expect, it } from "vitest";
import { heardTimeline, silenceAfter } from "./heard.ts";

const stream = (openedAtCallMs: number, heard: { startMs: number; endMs: number }[]) =>
  ({ openedAtCallMs, heard, durationMs: 0 }) as unknown as Parameters<
    typeof heardTimeline
  >[0]["streams"][number];

describe("the heard timeline", () => {
  it("puts <Say>s and stream audio on the call's clock and measures the silence after a moment", () => {
    const timeline = heardTimeline({
      spoken: [{ text: "sorry", startMs: 21_000, endMs: 23_000 }],
      streams: [
        stream(500, [{ startMs: 100, endMs: 1_500 }]),
        stream(23_100, [{ startMs: 300, endMs: 900 }]),
      ],
    });
    expect(timeline.map((h) => [h.source, h.startMs, h.endMs])).toEqual([
      ["stream", 600, 2_000],
      ["say", 21_000, 23_000],
      ["stream", 23_400, 24_000],
    ]);
    expect(silenceAfter(timeline, 1_000)).toBe(0);
    expect(silenceAfter(timeline, 20_000)).toBe(1_000);
    expect(silenceAfter(timeline, 23_000)).toBe(400);
    expect(silenceAfter(timeline, 30_000)).toBeNull();
  });
});
