import { describe, expect, it } from "vitest";
import { FRAME_BYTES, MULAW_SILENCE, silenceFrame, speechFrame } from "../twilio/audio/frames.ts";
import { encodeMulaw, linearToMulaw, mulawRms, mulawToLinear, voiceLikeMulaw } from "./mulaw.ts";

// Reference values from the ITU/Sun G.711 coder as shipped in Python's audioop (lin2ulaw / ulaw2lin).
const ENCODE_REFERENCE: [number, number][] = [
  [0, 0xff],
  [1, 0xff],
  [-1, 0x7e],
  [3, 0xff],
  [4, 0xfe],
  [-4, 0x7e],
  [8, 0xfe],
  [-8, 0x7e],
  [100, 0xf2],
  [-100, 0x72],
  [124, 0xef],
  [132, 0xef],
  [1000, 0xce],
  [-1000, 0x4e],
  [2047, 0xbe],
  [5000, 0xab],
  [-5000, 0x2b],
  [8158, 0x9f],
  [-8159, 0x1f],
  [16000, 0x90],
  [-16000, 0x10],
  [31000, 0x81],
  [32124, 0x80],
  [32767, 0x80],
  [-32767, 0x00],
  [-32768, 0x00],
];

const DECODE_REFERENCE: [number, number][] = [
  [0x00, -32124],
  [0x01, -31100],
  [0x0f, -16764],
  [0x10, -15996],
  [0x3f, -1980],
  [0x70, -120],
  [0x7e, -8],
  [0x7f, 0],
  [0x80, 32124],
  [0x8f, 16764],
  [0xc0, 1884],
  [0xef, 132],
  [0xfe, 8],
  [0xff, 0],
];

describe("µ-law", () => {
  it.each(ENCODE_REFERENCE)("encodes %i as byte %i", (sample, byte) => {
    expect(linearToMulaw(sample)).toBe(byte);
  });

  it.each(DECODE_REFERENCE)("decodes byte %i as %i", (byte, sample) => {
    expect(mulawToLinear(byte)).toBe(sample);
  });

  it("encodes a buffer sample by sample", () => {
    expect([...encodeMulaw([0, 1000, -1000])]).toEqual([0xff, 0xce, 0x4e]);
  });

  it("measures level: zero for silence, the amplitude for a full-scale square wave", () => {
    expect(mulawRms(new Uint8Array(160).fill(0xff))).toBe(0);
    expect(mulawRms(new Uint8Array([0x80, 0x00]))).toBe(32124);
    expect(mulawRms(new Uint8Array())).toBe(0);
    expect(mulawRms(new Uint8Array([0xff, 0x80, 0x00, 0xff]), 1, 3)).toBe(32124);
  });

  it("round-trips every code but the second zero", () => {
    for (let byte = 0; byte < 256; byte++) {
      if (byte === 0x7f) continue; // -0 and +0 both encode as 0xff
      expect(linearToMulaw(mulawToLinear(byte))).toBe(byte);
    }
  });

  it("synthesises a voice-like signal far louder than silence", () => {
    expect(voiceLikeMulaw(200).length).toBe(1600);
    expect(mulawRms(voiceLikeMulaw(200))).toBeGreaterThan(3000);
  });
});

describe("frames", () => {
  it("silence is 160 bytes of µ-law zero", () => {
    const frame = silenceFrame();
    expect(frame.length).toBe(FRAME_BYTES);
    expect(FRAME_BYTES).toBe(160);
    expect(frame.every((b) => b === MULAW_SILENCE)).toBe(true);
  });

  it("speech is 160 bytes, far louder than silence, and the same on every run", () => {
    const frame = speechFrame(7);
    expect(frame.length).toBe(160);
    expect(mulawRms(frame)).toBeGreaterThan(3000);
    expect(mulawRms(frame)).toBeLessThan(12000);
    expect(speechFrame(7)).toEqual(frame);
    expect(speechFrame(8)).not.toEqual(frame);
  });
});
