import { describe, expect, it } from "vitest";
import { linearToUlaw, ulawRms, ulawToLinear, voiceLikeUlaw } from "./mulaw.ts";

// Reference points from the G.711 µ-law table (ITU-T G.711 / Sun g711.c): bytes 0x00–0x7f are negative.
const TABLE: [number, number][] = [
  [0x00, -32124],
  [0x0f, -16764],
  [0x7e, -8],
  [0x7f, 0],
  [0x80, 32124],
  [0x8f, 16764],
  [0xfe, 8],
  [0xff, 0],
];

describe("µ-law", () => {
  it("decodes the reference table", () => {
    for (const [byte, linear] of TABLE) expect(ulawToLinear(byte)).toBe(linear);
  });

  it("encodes to the reference bytes and round-trips every code", () => {
    expect(linearToUlaw(0)).toBe(0xff);
    expect(linearToUlaw(32124)).toBe(0x80);
    expect(linearToUlaw(-32124)).toBe(0x00);
    expect(linearToUlaw(40000)).toBe(0x80);
    for (let byte = 0; byte < 256; byte++) {
      if (byte === 0x7f) continue; // -0 and +0 both encode as 0xff
      expect(linearToUlaw(ulawToLinear(byte))).toBe(byte);
    }
  });

  it("measures energy: silence is quiet, the reply signal is loud", () => {
    expect(ulawRms(new Uint8Array(160).fill(0xff))).toBe(0);
    expect(ulawRms(voiceLikeUlaw(200))).toBeGreaterThan(3000);
  });
});
