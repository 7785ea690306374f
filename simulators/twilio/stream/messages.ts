/**
 * Media Stream wire messages, both ways, in Twilio's exact shapes. Twilio sends `sequenceNumber`,
 * `chunk` and `timestamp` as decimal strings, so the builders do too. Plain web APIs only (no Buffer):
 * the bridge's workerd tests build their Twilio side with these same builders.
 */

export interface StreamIds {
  streamSid: string;
  accountSid: string;
  callSid: string;
}

export function connectedMessage() {
  return { event: "connected", protocol: "Call", version: "1.0.0" } as const;
}

export function startMessage(
  sequenceNumber: number,
  ids: StreamIds,
  customParameters: Record<string, string>,
) {
  return {
    event: "start",
    sequenceNumber: String(sequenceNumber),
    start: {
      accountSid: ids.accountSid,
      streamSid: ids.streamSid,
      callSid: ids.callSid,
      tracks: ["inbound"],
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      customParameters,
    },
    streamSid: ids.streamSid,
  };
}

export function mediaMessage(
  sequenceNumber: number,
  streamSid: string,
  chunk: number,
  timestampMs: number,
  audio: Uint8Array,
) {
  return {
    event: "media",
    sequenceNumber: String(sequenceNumber),
    media: {
      track: "inbound",
      chunk: String(chunk),
      timestamp: String(timestampMs),
      payload: toBase64(audio),
    },
    streamSid,
  };
}

export function dtmfMessage(sequenceNumber: number, streamSid: string, digit: string) {
  return {
    event: "dtmf",
    streamSid,
    sequenceNumber: String(sequenceNumber),
    dtmf: { track: "inbound_track", digit },
  };
}

export function markMessage(sequenceNumber: number, streamSid: string, name: string) {
  return { event: "mark", sequenceNumber: String(sequenceNumber), streamSid, mark: { name } };
}

export function stopMessage(sequenceNumber: number, ids: StreamIds) {
  return {
    event: "stop",
    sequenceNumber: String(sequenceNumber),
    streamSid: ids.streamSid,
    stop: { accountSid: ids.accountSid, callSid: ids.callSid },
  };
}

/** What the server (our bridge) may send to Twilio on a bidirectional stream. */
export type ServerMessage =
  | { event: "media"; audio: Uint8Array }
  | { event: "mark"; name: string }
  | { event: "clear" };

export type ParsedServerMessage = { ok: true; message: ServerMessage } | { ok: false; error: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Narrows one text frame from the server; anything Twilio would reject comes back as an error. */
export function parseServerMessage(raw: string, streamSid: string): ParsedServerMessage {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, error: "not JSON" };
  }
  if (!isRecord(data) || typeof data.event !== "string") return { ok: false, error: "no event" };
  if (data.streamSid !== streamSid) return { ok: false, error: `${data.event}: streamSid does not match` };
  switch (data.event) {
    case "media": {
      const payload = isRecord(data.media) ? data.media.payload : undefined;
      if (typeof payload !== "string" || payload.length % 4 !== 0 || !BASE64.test(payload)) {
        return { ok: false, error: "media: payload is not base64" };
      }
      return { ok: true, message: { event: "media", audio: fromBase64(payload) } };
    }
    case "mark": {
      const name = isRecord(data.mark) ? data.mark.name : undefined;
      if (typeof name !== "string") return { ok: false, error: "mark: mark.name is not a string" };
      return { ok: true, message: { event: "mark", name } };
    }
    case "clear":
      return { ok: true, message: { event: "clear" } };
    default:
      return { ok: false, error: `unknown event ${data.event}` };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
