/**
 * G.711 µ-law, as in the ITU/Sun reference coder (the one Python's audioop uses): 16-bit linear samples
 * are reduced to 14 bits, biased by 33, split into a 3-bit segment and a 4-bit mantissa, and inverted.
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

/** Root-mean-square level of µ-law audio in linear units (0 … 32124); what an energy detector sees. */
export function mulawRms(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  let sum = 0;
  for (const byte of bytes) {
    const linear = mulawToLinear(byte);
    sum += linear * linear;
  }
  return Math.sqrt(sum / bytes.length);
}
