import type { TwilioEvent } from "./messages.ts";

/**
 * The messages Twilio sends 50 and 10 times a second — caller audio and mark echoes — read straight from
 * the text instead of JSON.parse. Twilio writes `event` first and escapes nothing in these messages; any
 * text not in exactly that shape returns null and goes to `parseTwilioMessage`, which yields the same event.
 */
export function probeTwilioMessage(text: string): TwilioEvent | null {
  if (!text.startsWith('{"event":"m') || text.includes("\\")) return null;
  if (text.startsWith('{"event":"media"')) {
    const payload = stringField(text, '"payload":"');
    const track = stringField(text, '"track":"');
    if (typeof payload !== "string" || track === null) return null;
    return { event: "media", payload, track: track ?? "inbound" };
  }
  if (text.startsWith('{"event":"mark"')) {
    const name = stringField(text, '"name":"');
    return typeof name === "string" ? { event: "mark", name } : null;
  }
  return null;
}

/**
 * The string value after `key` (written with its quotes, colon and opening quote: `"name":"`), in text
 * without escapes, where every `"` delimits a string. Undefined when the key is absent, null when it occurs
 * twice (JSON.parse would keep the last; the caller should take the full parse).
 */
export function stringField(text: string, key: string): string | undefined | null {
  const at = text.indexOf(key);
  if (at < 0) return undefined;
  if (text.indexOf(key, at + key.length) >= 0) return null;
  const start = at + key.length;
  const end = text.indexOf('"', start);
  return end < 0 ? null : text.slice(start, end);
}
