import type { StreamSummary } from "../stream/summary.ts";
import type { CallbackDelivery } from "./callbacks.ts";
import type { CallStatus } from "./status.ts";
import type { WebhookOutcome } from "./webhook.ts";

export type CallDirection = "inbound" | "outbound-api";

export type TwimlSource =
  | "voice-url"
  | "fallback-url"
  | "redirect"
  | "connect-action"
  | "rest-update"
  | "inline";

export interface TwimlRecord {
  source: TwimlSource;
  url: string | null;
  body: string;
  /** Why the document could not be followed (Twilio's 12100 / 12200 family). */
  error: string | null;
}

/** Who ended the call: the simulated person, our product (TwiML, stream close, REST), or the carrier. */
export type EndedBy = "person" | "server" | "carrier";

export type EndReason =
  | "caller-hangup"
  | "rest-hangup"
  | "hangup-verb"
  | "twiml-exhausted"
  | "application-error"
  | "time-limit"
  | "not-answered";

export interface CallSummary {
  callSid: string;
  direction: CallDirection;
  from: string;
  to: string;
  status: CallStatus;
  answeredBy: string | null;
  createdAt: string;
  /** CallDuration as reported on `completed`: whole seconds from answer to end. */
  durationSeconds: number;
  endedBy: EndedBy | null;
  endReason: EndReason | null;
  twiml: TwimlRecord[];
  said: string[];
  /** Each `<Say>` on the call's clock (ms since answer): when Twilio's own voice spoke. */
  spoken: { text: string; startMs: number; endMs: number }[];
  streams: StreamSummary[];
  /** From the first stream's start to the first audio the product sent; null when none arrived. */
  firstAudioLatencyMs: number | null;
  webhooks: Omit<WebhookOutcome, "body">[];
  statusCallbacks: CallbackDelivery[];
}

export function newCallSummary(
  call: { sid: string; direction: CallDirection; from: string; to: string },
  answeredBy: string | null,
): CallSummary {
  return {
    callSid: call.sid,
    direction: call.direction,
    from: call.from,
    to: call.to,
    status: call.direction === "inbound" ? "ringing" : "queued",
    answeredBy,
    createdAt: new Date().toISOString(),
    durationSeconds: 0,
    endedBy: null,
    endReason: null,
    twiml: [],
    said: [],
    spoken: [],
    streams: [],
    firstAudioLatencyMs: null,
    webhooks: [],
    statusCallbacks: [],
  };
}
