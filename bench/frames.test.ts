import { describe, expect, it } from "vitest";
import { monotonicMs, readFrameTag, readFrameTags, taggedFrame } from "./frames.ts";

describe("tagged frames", () => {
  it("are 20 ms of µ-law whose tag reads back", () => {
    const frame = taggedFrame(99, 123_456, 98_765.4321);
    expect(Buffer.from(frame, "base64")).toHaveLength(160);
    expect(readFrameTag(frame)).toEqual({ call: 99, seq: 123_456, sentAtMs: 98_765.4321 });
    expect(readFrameTag(taggedFrame(0, 0, 0))).toEqual({ call: 0, seq: 0, sentAtMs: 0 });
  });

  it("are one valid base64 string whose untagged rest is µ-law silence", () => {
    const frame = taggedFrame(7, 8, 9);
    expect(frame).toHaveLength(216);
    expect(Buffer.from(frame, "base64").toString("base64")).toBe(frame);
    expect([...Buffer.from(frame, "base64").subarray(14)].every((byte) => byte === 0xff)).toBe(true);
  });

  it("stamp the send time from the monotonic clock by default", () => {
    const before = monotonicMs();
    const { sentAtMs } = readFrameTag(taggedFrame(1, 1));
    expect(sentAtMs).toBeGreaterThanOrEqual(before);
    expect(sentAtMs).toBeLessThanOrEqual(monotonicMs());
  });

  it("read back every frame of a payload that carries two", () => {
    const two = Buffer.concat([
      Buffer.from(taggedFrame(3, 10, 1.5), "base64"),
      Buffer.from(taggedFrame(3, 11, 21.5), "base64"),
    ]).toString("base64");
    expect(readFrameTags(two)).toEqual([
      { call: 3, seq: 10, sentAtMs: 1.5 },
      { call: 3, seq: 11, sentAtMs: 21.5 },
    ]);
  });
});
