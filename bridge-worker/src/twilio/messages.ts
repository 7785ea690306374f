/**
 * Twilio Media Stream wire messages (twilio.com/docs "WebSocket messages"), narrowed from `unknown`.
 * Only the fields the bridge uses are kept; anything else about a message is ignored, and a message that
 * does not have the shape below is not an event at all (the parser returns null).
 */

export interface TwilioConnected {
  event: "connected";
  protocol: string;
}

export interface TwilioStart {
  event: "start";
  streamSid: string;
  callSid: string;
  accountSid: string;
  /** The <Parameter>s of the TwiML <Stream>, e.g. the stream token. */
  customParameters: Record<string, string>;
  encoding: string;
}

export interface TwilioMedia {
  event: "media";
  /** Base64 µ-law 8 kHz, passed on untouched. */
  payload: string;
  track: string;
}

export interface TwilioDtmf {
  event: "dtmf";
  digit: string;
}

export interface TwilioMark {
  event: "mark";
  name: string;
}

export interface TwilioStop {
  event: "stop";
  callSid: string;
}

export type TwilioEvent = TwilioConnected | TwilioStart | TwilioMedia | TwilioDtmf | TwilioMark | TwilioStop;

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(record: Json, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) if (typeof item === "string") out[key] = item;
  return out;
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
