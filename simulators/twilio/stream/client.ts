import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import WebSocket from "ws";
import type { Scheduler, TimerId } from "../../scheduler.ts";
import { FRAME_MS, silenceFrame, speechFrame } from "../audio/frames.ts";
import { newSid } from "../sids.ts";
import type { StreamNoun } from "../twiml/verbs.ts";
import { type CallerScript, duePresses, isSpeaking } from "./caller-script.ts";
import {
  connectedMessage,
  dtmfMessage,
  markMessage,
  mediaMessage,
  parseServerMessage,
  type StreamIds,
  startMessage,
  stopMessage,
} from "./messages.ts";
import {
  advancePlayback,
  clearPlayback,
  emptyPlayback,
  enqueueAudio,
  enqueueMark,
  type PlaybackStep,
} from "./playback.ts";
import { countEvent, emptyStreamSummary, type StreamCloser, type StreamSummary } from "./summary.ts";

export interface MediaStreamDeps {
  accountSid: string;
  /** Signs the WebSocket upgrade (X-Twilio-Signature), as Twilio does. */
  authToken: string;
  callSid: string;
  script: CallerScript;
  /** Milliseconds since the call was answered. */
  callClock: () => number;
  scheduler: Scheduler;
  log: (line: string) => void;
}

/** Ends a stream after `stop` when the server does not close its side of the socket. */
const CLOSE_GRACE_MS = 1000;

/**
 * Twilio's side of one bidirectional Media Stream: opens the socket, sends `connected` and `start`, then a
 * paced 20 ms µ-law frame stream of the simulated caller (silence or "speech"), key presses as `dtmf`, and
 * plays whatever the server sends back through the playback model, echoing marks as Twilio does.
 */
export class MediaStreamSession {
  readonly summary: StreamSummary;
  private readonly ids: StreamIds;
  private socket: WebSocket | undefined;
  private sequence = 0;
  private framesSent = 0;
  private keysSent = 0;
  private startedAt = 0;
  private startSentAt = 0;
  private startCallMs = 0;
  private playback = emptyPlayback();
  private ticker: TimerId | undefined;
  private closer: StreamCloser | undefined;

  constructor(
    private readonly noun: StreamNoun,
    private readonly deps: MediaStreamDeps,
  ) {
    this.ids = { streamSid: newSid("MZ"), accountSid: deps.accountSid, callSid: deps.callSid };
    this.summary = emptyStreamSummary(noun.url, this.ids.streamSid, noun.parameters);
  }

  /** Resolves when the stream is over, however it ended. */
  run(): Promise<StreamSummary> {
    return new Promise((resolve) => {
      // Twilio signs the upgrade like a webhook: over the exact stream URL, with no parameters.
      const signature = getExpectedTwilioSignature(this.deps.authToken, this.noun.url, {});
      const socket = new WebSocket(this.noun.url, { headers: { "X-Twilio-Signature": signature } });
      this.socket = socket;
      socket.on("unexpected-response", (_req, res) => {
        this.summary.handshakeError = `HTTP ${res.statusCode}`;
        socket.terminate();
      });
      socket.on("error", (error) => {
        if (socket.readyState !== WebSocket.OPEN) this.summary.handshakeError ??= error.message;
      });
      socket.on("open", () => this.opened());
      socket.on("message", (data, isBinary) => {
        if (isBinary) this.protocolError("binary frame");
        else this.received(String(data));
      });
      socket.on("close", (code) => {
        this.finish(code);
        resolve(this.summary);
      });
    });
  }

  /** The carrier ends the stream: Twilio sends `stop` and then closes the socket. */
  end(reason: Exclude<StreamCloser, "server" | "error">): void {
    const socket = this.socket;
    if (this.closer || !socket) return;
    this.closer = reason;
    if (socket.readyState !== WebSocket.OPEN) {
      socket.terminate();
      return;
    }
    this.stopTicker();
    this.send("stop", stopMessage(this.nextSequence(), this.ids));
    socket.close(1000);
    this.deps.scheduler.setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
  }

  private opened(): void {
    this.startCallMs = this.deps.callClock();
    this.summary.openedAtCallMs = Math.round(this.startCallMs);
    this.startedAt = this.deps.scheduler.now();
    this.send("connected", connectedMessage());
    this.send("start", startMessage(this.nextSequence(), this.ids, this.noun.parameters));
    this.startSentAt = this.deps.scheduler.now();
    this.deps.log(`stream ${this.ids.streamSid} open → ${this.noun.url}`);
    this.tick();
    this.ticker = this.deps.scheduler.setInterval(() => this.tick(), FRAME_MS / 2);
  }

  private tick(): void {
    const elapsed = this.elapsed();
    while (this.framesSent * FRAME_MS <= elapsed) {
      const frameCallMs = this.startCallMs + this.framesSent * FRAME_MS;
      const audio = isSpeaking(this.deps.script, frameCallMs) ? speechFrame(this.framesSent) : silenceFrame();
      const timestamp = this.framesSent * FRAME_MS;
      this.framesSent += 1;
      this.send(
        "media",
        mediaMessage(this.nextSequence(), this.ids.streamSid, this.framesSent, timestamp, audio),
      );
    }
    for (const press of duePresses(this.deps.script, this.deps.callClock(), this.keysSent)) {
      this.keysSent += 1;
      this.send("dtmf", dtmfMessage(this.nextSequence(), this.ids.streamSid, press.digit), press.digit);
    }
    this.echo(advancePlayback(this.playback, elapsed), elapsed);
  }

  private received(raw: string): void {
    const parsed = parseServerMessage(raw, this.ids.streamSid);
    if (!parsed.ok) {
      this.protocolError(parsed.error);
      return;
    }
    const message = parsed.message;
    const now = this.elapsed();
    countEvent(this.summary.received, message.event);
    if (message.event === "media") {
      this.summary.firstAudioLatencyMs ??= Math.round(this.deps.scheduler.now() - this.startSentAt);
      this.playback = enqueueAudio(this.playback, message.audio.length, now);
      this.summary.audioReceivedMs = this.playback.receivedMs;
      this.summary.heard = this.playback.heard;
      return;
    }
    this.record("received", message.event, message.event === "mark" ? message.name : undefined);
    if (message.event === "mark") {
      this.playback = enqueueMark(this.playback, message.name, now);
      this.echo(advancePlayback(this.playback, now), now);
    } else {
      this.summary.clearsAtMs.push(Math.round(now));
      this.echo(clearPlayback(this.playback, now), now);
      this.summary.audioClearedMs = this.playback.droppedMs;
      this.summary.heard = this.playback.heard;
    }
  }

  /** `atMs`: the moment the step was computed for, so a mark released by a `clear` is stamped with it. */
  private echo(step: PlaybackStep, atMs = this.elapsed()): void {
    this.playback = step.state;
    for (const name of step.echoed) {
      this.summary.marksEchoed.push({ name, atMs: Math.round(atMs) });
      this.send("mark", markMessage(this.nextSequence(), this.ids.streamSid, name), name);
    }
  }

  private send(event: string, message: object, detail?: string): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(message));
    countEvent(this.summary.sent, event);
    if (event !== "media") this.record("sent", event, detail);
  }

  private record(direction: "sent" | "received", event: string, detail?: string): void {
    const atMs = Math.round(this.startedAt === 0 ? 0 : this.elapsed());
    this.summary.events.push({ atMs, direction, event, ...(detail === undefined ? {} : { detail }) });
  }

  private protocolError(error: string): void {
    countEvent(this.summary.received, "invalid");
    if (this.summary.protocolErrors.length < 20) this.summary.protocolErrors.push(error);
    this.deps.log(`stream ${this.ids.streamSid}: ignored message (${error})`);
  }

  private finish(code: number): void {
    this.stopTicker();
    this.summary.closedBy = this.closer ?? (this.summary.openedAtCallMs === null ? "error" : "server");
    this.summary.closeCode = code;
    this.summary.durationMs = this.startedAt === 0 ? 0 : Math.round(this.elapsed());
    this.deps.log(`stream ${this.ids.streamSid} closed by ${this.summary.closedBy} (${code})`);
  }

  private stopTicker(): void {
    if (this.ticker) this.deps.scheduler.clear(this.ticker);
    this.ticker = undefined;
  }

  private elapsed(): number {
    return this.deps.scheduler.now() - this.startedAt;
  }

  private nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }
}
