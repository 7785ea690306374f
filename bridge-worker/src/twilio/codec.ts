import { type TwilioEvent, toTwilioEvent } from "./messages.ts";
import { probeTwilioMessage } from "./probe.ts";

/**
 * Caller audio and mark echoes are read straight from the text (./probe.ts); everything else takes one
 * JSON parse, then narrowing. Text that is not JSON or not a known message → null.
 */
export function parseTwilioMessage(text: string): TwilioEvent | null {
  const probed = probeTwilioMessage(text);
  if (probed) return probed;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return toTwilioEvent(value);
}

/** Outbound audio: the payload is Grok's base64 µ-law as received (JSON.stringify only escapes). */
export function twilioMedia(streamSid: string, payload: string): string {
  return `{"event":"media","streamSid":${JSON.stringify(streamSid)},"media":{"payload":${JSON.stringify(payload)}}}`;
}

/** Twilio echoes a mark once all audio sent before it has played (or has been dropped by `clear`). */
export function twilioMark(streamSid: string, name: string): string {
  return JSON.stringify({ event: "mark", streamSid, mark: { name } });
}

/** Drops all audio Twilio has buffered for the caller; pending marks are echoed back. */
export function twilioClear(streamSid: string): string {
  return JSON.stringify({ event: "clear", streamSid });
}
