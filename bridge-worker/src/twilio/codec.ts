import { isRecord, str, stringRecord } from "../json.ts";
import { scanTwilioMessage } from "./scanner.ts";
import type { TwilioEvent } from "./types.ts";

/**
 * Caller audio and mark echoes are read straight from the text (./scanner.ts); everything else takes one
 * JSON parse, then narrowing. Text that is not JSON or not a known message → null.
 */
export function parseTwilioMessage(text: string): TwilioEvent | null {
  const scanned = scanTwilioMessage(text);
  if (scanned) return scanned;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return toTwilioEvent(value);
}

/** Narrows one parsed JSON value to a Twilio event; anything unknown or malformed → null. */
export function toTwilioEvent(value: unknown): TwilioEvent | null {
  if (!isRecord(value)) return null;
  switch (value.event) {
    case "media": {
      const media = value.media;
      if (!isRecord(media)) return null;
      const payload = str(media, "payload");
      return payload === undefined
        ? null
        : { event: "media", payload, track: str(media, "track") ?? "inbound" };
    }
    case "mark": {
      const mark = value.mark;
      const name = isRecord(mark) ? str(mark, "name") : undefined;
      return name === undefined ? null : { event: "mark", name };
    }
    case "dtmf": {
      const dtmf = value.dtmf;
      const digit = isRecord(dtmf) ? str(dtmf, "digit") : undefined;
      return digit === undefined ? null : { event: "dtmf", digit };
    }
    case "start": {
      const start = value.start;
      if (!isRecord(start)) return null;
      const streamSid = str(start, "streamSid") ?? str(value, "streamSid");
      const callSid = str(start, "callSid");
      if (streamSid === undefined || callSid === undefined) return null;
      const format = start.mediaFormat;
      return {
        event: "start",
        streamSid,
        callSid,
        accountSid: str(start, "accountSid") ?? "",
        customParameters: stringRecord(start.customParameters),
        encoding: (isRecord(format) ? str(format, "encoding") : undefined) ?? "audio/x-mulaw",
      };
    }
    case "stop": {
      const stop = value.stop;
      return { event: "stop", callSid: (isRecord(stop) ? str(stop, "callSid") : undefined) ?? "" };
    }
    case "connected":
      return { event: "connected", protocol: str(value, "protocol") ?? "" };
    default:
      return null;
  }
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
