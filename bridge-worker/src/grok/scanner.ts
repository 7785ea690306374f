import { scanString } from "../json.ts";
import type { GrokEvent } from "./types.ts";

/**
 * Audio deltas, 50 a second while the model talks, read straight from the text instead of JSON.parse:
 * a flat object (no nested braces) without escapes, whose fields are then unambiguous. Anything else
 * returns null and goes to `parseGrokEvent`, which yields the same event.
 */
export function scanAudioDelta(text: string): GrokEvent | null {
  if (!text.includes('"type":"response.output_audio.delta"')) return null;
  if (text.includes("\\") || text.indexOf("{", 1) >= 0) return null;
  const delta = scanString(text, '"delta":"');
  const responseId = scanString(text, '"response_id":"');
  const itemId = scanString(text, '"item_id":"');
  if (typeof delta !== "string" || responseId === null || itemId === null) return null;
  return { type: "response.output_audio.delta", responseId: responseId ?? "", itemId: itemId ?? "", delta };
}
