/** What one Media Stream looked like from the carrier's side, for tests and the CLI. */

export type StreamCloser = "server" | "caller" | "rest-hangup" | "redirect" | "carrier" | "error";

export interface StreamEventRecord {
  /** Milliseconds since the socket opened; `connected` and `start` go out at 0. */
  atMs: number;
  direction: "sent" | "received";
  event: string;
  detail?: string;
}

export interface StreamSummary {
  url: string;
  streamSid: string;
  customParameters: Record<string, string>;
  /** Call-clock time (ms since answer) when the WebSocket opened; null when it never did. */
  openedAtCallMs: number | null;
  handshakeError: string | null;
  sent: Record<string, number>;
  received: Record<string, number>;
  /** Every message except `media` frames, which are only counted. */
  events: StreamEventRecord[];
  /** From `start` sent to the first `media` received. */
  firstAudioLatencyMs: number | null;
  audioReceivedMs: number;
  /** Audio dropped from the playback buffer by `clear`s. */
  audioClearedMs: number;
  clearsAtMs: number[];
  marksEchoed: { name: string; atMs: number }[];
  /** Stretches of the product's audio the caller heard, on this stream's clock (ms since it opened). */
  heard: { startMs: number; endMs: number }[];
  /** Messages Twilio would reject (bad JSON, wrong streamSid, bad base64, unknown event); they were ignored. */
  protocolErrors: string[];
  closedBy: StreamCloser;
  closeCode: number | null;
  durationMs: number;
}

export function emptyStreamSummary(
  url: string,
  streamSid: string,
  params: Record<string, string>,
): StreamSummary {
  return {
    url,
    streamSid,
    customParameters: params,
    openedAtCallMs: null,
    handshakeError: null,
    sent: {},
    received: {},
    events: [],
    firstAudioLatencyMs: null,
    audioReceivedMs: 0,
    audioClearedMs: 0,
    clearsAtMs: [],
    marksEchoed: [],
    heard: [],
    protocolErrors: [],
    closedBy: "error",
    closeCode: null,
    durationMs: 0,
  };
}

export function countEvent(counts: Record<string, number>, event: string): void {
  counts[event] = (counts[event] ?? 0) + 1;
}
