import { cancelResponse, truncateItem } from "../grok/client-events.ts";
import { cancelTimer, log, nextPlayback, send, setTimer } from "./state.ts";
import type { CallAction, CallState } from "./types.ts";

/** Decoded length of base64 text without decoding it: µ-law is one byte per sample, 8 bytes per ms. */
export function base64ByteLength(b64: string): number {
  const n = b64.length;
  if (n === 0) return 0;
  const pad = b64.charCodeAt(n - 1) === 61 ? (b64.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  return Math.floor((n * 3) / 4) - pad;
}

const BYTES_PER_MS = 8;

/**
 * A mark every 100 ms of audio rather than one per delta: Twilio echoes each mark, so at 20 ms deltas a
 * mark per delta doubles the messages both ways. 100 ms is finer than anyone hears a truncation, and the
 * item's last bytes always get a mark (on audio done) so "heard everything" stays exact.
 */
export const MARK_EVERY_BYTES = 100 * BYTES_PER_MS;

export function markName(gen: number, bytes: number): string {
  return `${gen}:${bytes}`;
}

/** The per-frame path: relay one delta to Twilio, follow it with a mark, book the bytes. */
export function onAudioDelta(
  s: CallState,
  out: CallAction[],
  now: number,
  responseId: string,
  itemId: string,
  delta: string,
): CallState {
  const r = s.response;
  // Stale: in flight when we cancelled, or from a response that is no longer the current one.
  if (responseId !== "" && (responseId === r.cancelledId || (r.id !== null && responseId !== r.id))) return s;
  const stream = s.stream;
  if (!stream?.verified) return s;
  let p = s.playback;
  if (p.itemId !== itemId) {
    p = nextPlayback(p.gen, itemId);
  }
  const sentBytes = p.sentBytes + base64ByteLength(delta);
  out.push({ type: "twilio.media", streamSid: stream.streamSid, payload: delta });
  let markedBytes = p.markedBytes;
  if (sentBytes - markedBytes >= MARK_EVERY_BYTES) {
    out.push({ type: "twilio.mark", streamSid: stream.streamSid, name: markName(p.gen, sentBytes) });
    markedBytes = sentBytes;
  }
  if (s.stallArmed) cancelTimer(out, "grokStall");
  const adopt = r.id === null && responseId !== "" && r.status !== "idle";
  return {
    ...s,
    stallArmed: false,
    playback: { ...p, sentBytes, markedBytes },
    response: adopt ? { ...r, id: responseId, status: "active" } : r,
    stats: s.stats.firstAudioAt === null ? { ...s.stats, firstAudioAt: now } : s.stats,
  };
}

export function onAudioDone(s: CallState, out: CallAction[], itemId: string): CallState {
  const p = s.playback;
  if (p.itemId !== itemId) return s;
  if (p.sentBytes > p.markedBytes && s.stream?.verified) {
    out.push({ type: "twilio.mark", streamSid: s.stream.streamSid, name: markName(p.gen, p.sentBytes) });
  }
  return finishedPlaying({ ...s, playback: { ...p, markedBytes: p.sentBytes, audioDone: true } });
}

export function onMark(s: CallState, name: string): CallState {
  const colon = name.indexOf(":");
  const gen = Number(name.slice(0, colon));
  const bytes = Number(name.slice(colon + 1));
  const p = s.playback;
  // Echoes flushed by a `clear`, or from an item already finished, carry an older generation.
  if (colon < 0 || gen !== p.gen || p.itemId === null || !(bytes > p.playedBytes)) return s;
  return finishedPlaying({ ...s, playback: { ...p, playedBytes: Math.min(bytes, p.sentBytes) } });
}

function finishedPlaying(s: CallState): CallState {
  const p = s.playback;
  if (!p.audioDone || p.playedBytes < p.sentBytes) return s;
  return { ...s, playback: { ...p, itemId: null } };
}

/** Is the assistant talking (audio not yet heard) or about to (a response in flight)? */
function assistantBusy(s: CallState): boolean {
  return s.playback.itemId !== null || s.response.status !== "idle";
}

export function onSpeechStarted(s: CallState, out: CallAction[]): CallState {
  cancelTimer(out, "silence");
  if (s.stallArmed) cancelTimer(out, "grokStall");
  const debounce = assistantBusy(s) && s.stream?.verified === true && !s.bargeInPending;
  if (debounce) setTimer(out, "bargeIn", s.config.bargeInDebounceMs);
  return { ...s, callerSpeaking: true, stallArmed: false, bargeInPending: s.bargeInPending || debounce };
}

export function onSpeechStopped(s: CallState, out: CallAction[]): CallState {
  if (s.bargeInPending) {
    // Shorter than the debounce: a backchannel or a noise. The assistant keeps talking.
    cancelTimer(out, "bargeIn");
    log(out, "debug", "backchannel_ignored");
  }
  setTimer(out, "grokStall", s.config.grokStallMs);
  return { ...s, callerSpeaking: false, bargeInPending: false, stallArmed: true };
}

export function onBargeInTimer(s: CallState, out: CallAction[]): CallState {
  if (!s.bargeInPending) return s;
  const cleared = { ...s, bargeInPending: false };
  if (!s.callerSpeaking || !assistantBusy(s)) return cleared;
  log(out, "info", "barge_in", { heardMs: Math.floor(s.playback.playedBytes / BYTES_PER_MS) });
  return interrupt({ ...cleared, stats: { ...s.stats, bargeIns: s.stats.bargeIns + 1 } }, out);
}

/**
 * Stops the assistant: Twilio drops its buffered audio, the response in flight is cancelled, and the
 * assistant item is truncated to what the caller heard (marks), clamped to what was sent.
 */
export function interrupt(s: CallState, out: CallAction[]): CallState {
  const stream = s.stream;
  const p = s.playback;
  const r = s.response;
  if (stream?.verified) out.push({ type: "twilio.clear", streamSid: stream.streamSid });
  // Before response.created there is nothing to cancel yet (Grok would answer with an error).
  if (r.status === "active") send(s, out, cancelResponse());
  if (p.itemId !== null && p.sentBytes > 0) {
    send(s, out, truncateItem(p.itemId, p.playedBytes / BYTES_PER_MS, p.sentBytes / BYTES_PER_MS));
  }
  const queued = r.queued?.filler ? null : r.queued;
  return {
    ...s,
    playback: nextPlayback(p.gen, null),
    response: {
      ...r,
      cancelledId: r.status === "active" && r.id !== null ? r.id : r.cancelledId,
      cancelOnCreate: r.status === "requested" && r.id === null,
      queued,
    },
  };
}
