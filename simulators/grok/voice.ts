import { mulawRms } from "../audio/mulaw.ts";

/** Server VAD by energy on the caller's µ-law: when speech starts and when enough silence ends it. */

const FRAME_BYTES = 160; // 20 ms of 8 kHz µ-law
const SPEECH_RMS = 1200; // well above line noise, well below a voice at normal level
const SPEECH_FRAMES_TO_START = 2;

export type VoiceEvent =
  | { kind: "speech_started"; itemId: string; audioStartMs: number }
  | { kind: "speech_stopped"; itemId: string; audioEndMs: number };

export class VoiceDetector {
  /** Caller audio appended so far, in ms. */
  private audioMs = 0;
  private speechFrames = 0;
  private speechItem: string | null = null;
  private silentMs = 0;

  constructor(
    private readonly newItemId: () => string,
    /** The session's current silence_duration_ms (it may change with session.update). */
    private readonly silenceMs: () => number,
  ) {}

  /** Feeds appended audio frame by frame; returns what the frames started or ended, in order. */
  append(bytes: Uint8Array): VoiceEvent[] {
    const events: VoiceEvent[] = [];
    for (let at = 0; at < bytes.length; at += FRAME_BYTES) {
      const end = Math.min(at + FRAME_BYTES, bytes.length);
      const event = this.frame(mulawRms(bytes, at, end) >= SPEECH_RMS, (end - at) / 8);
      if (event) events.push(event);
    }
    return events;
  }

  private frame(loud: boolean, ms: number): VoiceEvent | null {
    this.audioMs += ms;
    if (this.speechItem === null) {
      this.speechFrames = loud ? this.speechFrames + 1 : 0;
      if (this.speechFrames < SPEECH_FRAMES_TO_START) return null;
      this.speechItem = this.newItemId();
      this.silentMs = 0;
      const audioStartMs = Math.max(0, Math.round(this.audioMs - this.speechFrames * 20));
      return { kind: "speech_started", itemId: this.speechItem, audioStartMs };
    }
    this.silentMs = loud ? 0 : this.silentMs + ms;
    if (this.silentMs < this.silenceMs()) return null;
    const itemId = this.speechItem;
    this.speechItem = null;
    this.speechFrames = 0;
    return { kind: "speech_stopped", itemId, audioEndMs: Math.round(this.audioMs) };
  }
}
