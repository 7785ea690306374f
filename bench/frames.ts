/**
 * 20 ms µ-law frames (160 bytes) that carry a tag — the call, the frame's sequence number and the moment it
 * was sent (milliseconds on the machine's monotonic clock, the same in every process) — in their first
 * 14 bytes, so each frame can be recognised and timed at the far side of the bridge without a lookup table.
 * The rest is µ-law silence. The bridge passes payloads through untouched, so the tag survives.
 */
const FRAME_BYTES = 160;
/** 15 bytes cover the 14-byte tag and decode from exactly 20 base64 characters. */
const TAG_CHARS = 20;

/** Milliseconds on CLOCK_MONOTONIC: comparable across processes on one machine. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const TAG_BYTES = 15;
/** The silent rest of every frame, encoded once: 15 is a multiple of 3, so the two base64 parts concatenate. */
const SILENT_REST = Buffer.alloc(FRAME_BYTES - TAG_BYTES, 0xff).toString("base64");
const tag = Buffer.alloc(TAG_BYTES, 0xff);

export function taggedFrame(call: number, seq: number, sentAtMs = monotonicMs()): string {
  tag.writeUInt16BE(call, 0);
  tag.writeUInt32BE(seq, 2);
  tag.writeDoubleBE(sentAtMs, 6);
  return tag.toString("base64") + SILENT_REST;
}

export interface FrameTag {
  call: number;
  seq: number;
  sentAtMs: number;
}

/** The tag of a frame; only the first 20 base64 characters are decoded. */
export function readFrameTag(payload: string): FrameTag {
  const head = Buffer.from(payload.slice(0, TAG_CHARS), "base64");
  return { call: head.readUInt16BE(0), seq: head.readUInt32BE(2), sentAtMs: head.readDoubleBE(6) };
}

/** Every frame's tag in a payload that may carry several frames back to back (a batched append). */
export function readFrameTags(payload: string): FrameTag[] {
  const bytes = Buffer.from(payload, "base64");
  const tags: FrameTag[] = [];
  for (let at = 0; at + FRAME_BYTES <= bytes.length; at += FRAME_BYTES) {
    tags.push({
      call: bytes.readUInt16BE(at),
      seq: bytes.readUInt32BE(at + 2),
      sentAtMs: bytes.readDoubleBE(at + 6),
    });
  }
  return tags;
}
