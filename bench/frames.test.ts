import { describe, expect, it } from "vitest";
import { readFrameTag, taggedFrame } from "./frames.ts";

describe("tagged frames", () => {
  it("are 20 ms of µ-law whose tag reads back", () => {
    const frame = taggedFrame(99, 123_456);
    expect(Buffer.from(frame, "base64")).toHaveLength(160);
    expect(readFrameTag(frame)).toBe("99:123456");
    expect(readFrameTag(taggedFrame(0, 0))).toBe("0:0");
  });
});
