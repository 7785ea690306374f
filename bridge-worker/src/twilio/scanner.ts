import { scanString } from "../json.ts";
import type { TwilioEvent } from "./types.ts";

/**
 * The messages Twilio sends 50 and 10 times a second — caller audio and mark echoes — read straight from
 * the text instead of JSON.parse. Twilio writes `event` first and escapes nothing in these messages; any
 * text not in exactly that shape returns null and goes to `parseTwilioMessage`, which yields the same event.
 */
export function scanTwilioMessage(text: string): TwilioEvent | null {
  if (!text.startsWith('{"event":"m') || text.includes("\\")) return null;
  if (text.startsWith('{"event":"media"')) {
    const payload = scanString(text, '"payload":"');
    const track = scanString(text, '"track":"');
    if (typeof payload !== "string" || track === null) return null;
    return { event: "media", payload, track: track ?? "inbound" };
  }
  if (text.startsWith('{"event":"mark"')) {
    const name = scanString(text, '"name":"');
    return typeof name === "string" ? { event: "mark", name } : null;
  }
  return null;
}
