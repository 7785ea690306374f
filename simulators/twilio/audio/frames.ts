import { encodeMulaw } from "../../audio/mulaw.ts";

/** Twilio streams 8 kHz µ-law in 20 ms frames: 160 bytes, 50 frames a second. */
export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_BYTES = (SAMPLE_RATE * FRAME_MS) / 1000;

/** µ-law of linear zero. */
export const MULAW_SILENCE = 0xff;

export function silenceFrame(): Uint8Array {
  return new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
}

/**
 * "Speech" for the simulated caller: two tones in the voice band plus deterministic noise, about -10 dBFS,
 * continuous in phase across frames so that consecutive frames join without clicks. Loud enough for any
 * energy-based voice detector, and the same bytes on every run.
 */
export function speechFrame(frameIndex: number): Uint8Array {
  const samples = new Float64Array(FRAME_BYTES);
  for (let i = 0; i < FRAME_BYTES; i += 1) {
    const n = frameIndex * FRAME_BYTES + i;
    const t = n / SAMPLE_RATE;
    const tones = 6000 * Math.sin(2 * Math.PI * 220 * t) + 3500 * Math.sin(2 * Math.PI * 660 * t);
    samples[i] = tones + 1500 * noise(n);
  }
  return encodeMulaw(samples);
}

/** Hash-based white noise in [-1, 1): a pure function of the sample index. */
function noise(n: number): number {
  let x = (n + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) / 0x80000000 - 1;
}
