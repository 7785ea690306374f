import type { CallSummary } from "../../simulators/twilio/carrier/summary.ts";

/** A stretch of sound the caller heard, on the call's clock (ms since answer). */
export interface Heard {
  startMs: number;
  endMs: number;
  /** Twilio's own voice (a `<Say>`), or the product's audio on a media stream. */
  source: "say" | "stream";
}

/**
 * Everything the caller heard, in order: each `<Say>` and each stream's played audio (from the Twilio
 * simulator's summary, where stream audio is on the stream's own clock), all on the call's clock.
 */
export function heardTimeline(summary: Pick<CallSummary, "spoken" | "streams">): Heard[] {
  const says = summary.spoken.map((s) => ({ startMs: s.startMs, endMs: s.endMs, source: "say" as const }));
  const streamed = summary.streams.flatMap((stream) =>
    stream.heard.map((span) => ({
      startMs: (stream.openedAtCallMs ?? 0) + span.startMs,
      endMs: (stream.openedAtCallMs ?? 0) + span.endMs,
      source: "stream" as const,
    })),
  );
  return [...says, ...streamed].sort((a, b) => a.startMs - b.startMs);
}

/** When the caller next heard something at or after `atMs` (null: nothing more). */
export function nextHeard(timeline: Heard[], atMs: number): Heard | null {
  return timeline.find((h) => h.endMs > atMs) ?? null;
}

/** Milliseconds from `atMs` until the caller heard something (0 if sound was playing then); null: never. */
export function silenceAfter(timeline: Heard[], atMs: number): number | null {
  const next = nextHeard(timeline, atMs);
  return next === null ? null : Math.max(0, next.startMs - atMs);
}

/** Where a stream ended, on the call's clock (a break, a reset, a hang-up). */
export function streamEndedAtMs(stream: CallSummary["streams"][number]): number {
  return (stream.openedAtCallMs ?? 0) + stream.durationMs;
}
