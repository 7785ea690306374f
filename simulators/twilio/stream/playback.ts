/**
 * The playback buffer of a bidirectional stream, modelled the way Twilio behaves: audio from the server
 * is queued and played in real time (8000 µ-law bytes a second); a mark is echoed once everything queued
 * before it has played; `clear` drops whatever is still queued and echoes every pending mark at once.
 * Pure: time comes in as milliseconds on any monotonic clock.
 */

export const BYTES_PER_MS = 8;

export interface PendingMark {
  name: string;
  /** When playback reaches this mark: the end of the audio queued before it. */
  dueAtMs: number;
}

/** A stretch of audio the caller heard without a break, in the same milliseconds as the calls. */
export interface HeardSpan {
  startMs: number;
  endMs: number;
}

/**
 * Audio that arrives within one frame (20 ms) of the previous audio's end counts as the same stretch: a
 * relay's jitter is not silence anyone notices, and the timeline stays short.
 */
const JOIN_GAP_MS = 20;

export interface PlaybackState {
  /** When the queued audio runs out; in the past when nothing is playing. */
  playingUntilMs: number;
  /** In arrival order, which is also due order since audio only ever queues behind earlier audio. */
  pendingMarks: PendingMark[];
  receivedMs: number;
  droppedMs: number;
  /** What the caller heard, in order: the timeline tests measure silences on. */
  heard: HeardSpan[];
}

export interface PlaybackStep {
  state: PlaybackState;
  echoed: string[];
}

export function emptyPlayback(): PlaybackState {
  return {
    playingUntilMs: Number.NEGATIVE_INFINITY,
    pendingMarks: [],
    receivedMs: 0,
    droppedMs: 0,
    heard: [],
  };
}

export function enqueueAudio(state: PlaybackState, bytes: number, nowMs: number): PlaybackState {
  const durationMs = bytes / BYTES_PER_MS;
  const startMs = Math.max(state.playingUntilMs, nowMs);
  const playingUntilMs = startMs + durationMs;
  const last = state.heard.at(-1);
  const heard =
    last && startMs - last.endMs <= JOIN_GAP_MS
      ? [...state.heard.slice(0, -1), { startMs: last.startMs, endMs: playingUntilMs }]
      : [...state.heard, { startMs, endMs: playingUntilMs }];
  return { ...state, playingUntilMs, receivedMs: state.receivedMs + durationMs, heard };
}

export function enqueueMark(state: PlaybackState, name: string, nowMs: number): PlaybackState {
  const dueAtMs = Math.max(state.playingUntilMs, nowMs);
  return { ...state, pendingMarks: [...state.pendingMarks, { name, dueAtMs }] };
}

/** Echoes the marks whose audio has finished playing by `nowMs`. */
export function advancePlayback(state: PlaybackState, nowMs: number): PlaybackStep {
  const firstPending = state.pendingMarks.findIndex((mark) => mark.dueAtMs > nowMs);
  const dueCount = firstPending === -1 ? state.pendingMarks.length : firstPending;
  if (dueCount === 0) return { state, echoed: [] };
  return {
    state: { ...state, pendingMarks: state.pendingMarks.slice(dueCount) },
    echoed: state.pendingMarks.slice(0, dueCount).map((mark) => mark.name),
  };
}

export function clearPlayback(state: PlaybackState, nowMs: number): PlaybackStep {
  const droppedMs = Math.max(0, state.playingUntilMs - nowMs);
  const last = state.heard.at(-1);
  const heard =
    last && last.endMs > nowMs
      ? [
          ...state.heard.slice(0, -1),
          ...(last.startMs < nowMs ? [{ startMs: last.startMs, endMs: nowMs }] : []),
        ]
      : state.heard;
  return {
    state: {
      ...state,
      heard,
      playingUntilMs: Math.min(state.playingUntilMs, nowMs),
      pendingMarks: [],
      droppedMs: state.droppedMs + droppedMs,
    },
    echoed: state.pendingMarks.map((mark) => mark.name),
  };
}

export function isPlaying(state: PlaybackState, nowMs: number): boolean {
  return state.playingUntilMs > nowMs;
}
