/**
 * 20 ms µ-law frames (160 bytes) that carry a tag — the call and the frame's sequence number in the first
 * six bytes — so each frame can be recognised at the far side of the bridge and timed. The rest is µ-law
 * silence. The bridge passes payloads through untouched, so the tag survives.
 */
const FRAME_BYTES = 160;

export function taggedFrame(call: number, seq: number): string {
  const bytes = Buffer.alloc(FRAME_BYTES, 0xff);
  bytes.writeUInt16BE(call, 0);
  bytes.writeUInt32BE(seq, 2);
  return bytes.toString("base64");
}

/** The tag of a frame, as "call:seq"; only the first 8 base64 characters (6 bytes) are decoded. */
export function readFrameTag(payload: string): string {
  const head = Buffer.from(payload.slice(0, 8), "base64");
  return `${head.readUInt16BE(0)}:${head.readUInt32BE(2)}`;
}
