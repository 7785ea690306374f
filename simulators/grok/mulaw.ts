/**
 * G.711 µ-law ↔ 16-bit linear (ITU-T G.711, the classic Sun reference algorithm). The simulator needs it
 * only to measure the caller's energy and to synthesise an audible reply; the bridge never transcodes.
 */

const BIAS = 0x84;
const CLIP = 32635;

export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 ? 0 - magnitude : magnitude;
}

export function linearToUlaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s = Math.min(s, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; exponent--, mask >>= 1);
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Root-mean-square level of µ-law bytes, in 16-bit linear units. */
export function ulawRms(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (end <= start) return 0;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = ulawToLinear(bytes[i] as number);
    sum += v * v;
  }
  return Math.sqrt(sum / (end - start));
}

/** A speech-like test signal: a 330 Hz tone under a 4 Hz syllable envelope that never reaches silence. */
export function voiceLikeUlaw(ms: number, offsetMs = 0, amplitude = 9000): Uint8Array {
  const samples = ms * 8;
  const out = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = (offsetMs * 8 + i) / 8000;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
    out[i] = linearToUlaw(amplitude * envelope * Math.sin(2 * Math.PI * 330 * t));
  }
  return out;
}
