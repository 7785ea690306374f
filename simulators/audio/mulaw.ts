/**
 * G.711 µ-law, as in the ITU/Sun reference coder (the one Python's audioop uses): 16-bit linear samples
 * are reduced to 14 bits, biased by 33, split into a 3-bit segment and a 4-bit mantissa, and inverted.
 * The one codec of the Twilio and Grok simulators: they measure the caller's energy and synthesise audible
 * speech with it; the bridge itself never transcodes.
 */

const CLIP = 8159;
const BIAS = 0x84 >> 2;
const SEGMENT_ENDS = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];

export function linearToMulaw(sample: number): number {
  let pcm = Math.trunc(sample) >> 2;
  let mask: number;
  if (pcm < 0) {
    pcm = -pcm;
    mask = 0x7f;
  } else {
    mask = 0xff;
  }
  pcm = Math.min(pcm, CLIP) + BIAS;
  const segment = SEGMENT_ENDS.findIndex((end) => pcm <= end);
  // Clipped magnitudes plus the bias overflow the last segment: the coder answers with its largest code.
  if (segment === -1) return 0x7f ^ mask;
  const code = (segment << 4) | ((pcm >> (segment + 1)) & 0x0f);
  return (code ^ mask) & 0xff;
}

export function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
  return u & 0x80 && magnitude !== 0 ? -magnitude : magnitude;
}

export function encodeMulaw(samples: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = linearToMulaw(samples[i] ?? 0);
  return out;
}

/**
 * Root-mean-square level of µ-law audio (of `bytes[start, end)`) in linear units (0 … 32124); what an
 * energy detector sees.
 */
export function mulawRms(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (end <= start) return 0;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const linear = mulawToLinear(bytes[i] as number);
    sum += linear * linear;
  }
  return Math.sqrt(sum / (end - start));
}

/** A speech-like test signal: a 330 Hz tone under a 4 Hz syllable envelope that never reaches silence. */
export function voiceLikeMulaw(ms: number, offsetMs = 0, amplitude = 9000): Uint8Array {
  const samples = ms * 8;
  const out = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = (offsetMs * 8 + i) / 8000;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
    out[i] = linearToMulaw(amplitude * envelope * Math.sin(2 * Math.PI * 330 * t));
  }
  return out;
}
