import { base64ByteLength, MARK_EVERY_BYTES, markName } from "./playback.ts";
import type { CallAction, CallState, StepResult } from "./types.ts";

/**
 * The per-frame paths from the model to the caller, beside the full reducer. In the middle of an item
 * that is already playing, an audio delta and a mark echo change nothing but playback counters: they bump
 * those in place (the one mutable part of CallState) and return the same state, with no copy and no
 * boundary check, which cannot change while an item plays. Anything else — a new item or response, a stale
 * one, the first audio, a stall timer to cancel, the echo that completes an item — returns null and takes
 * `step`'s full path, which decides exactly as before.
 */
export function relayModelAudio(
  s: CallState,
  conn: number,
  responseId: string,
  itemId: string,
  delta: string,
): StepResult | null {
  const p = s.playback;
  const r = s.response;
  if (s.phase !== "live" || conn !== s.grok.conn || s.stallArmed || s.stats.firstAudioAt === null)
    return null;
  if (p.itemId !== itemId || responseId === "" || responseId !== r.id || responseId === r.cancelledId)
    return null;
  const streamSid = s.stream?.verified ? s.stream.streamSid : null;
  if (streamSid === null) return null;
  p.sentBytes += base64ByteLength(delta);
  const actions: CallAction[] = [{ type: "twilio.media", streamSid, payload: delta }];
  if (p.sentBytes - p.markedBytes >= MARK_EVERY_BYTES) {
    actions.push({ type: "twilio.mark", streamSid, name: markName(p.gen, p.sentBytes) });
    p.markedBytes = p.sentBytes;
  }
  return { state: s, actions };
}

/** A mark echo: stale ones are dropped, others move `playedBytes` unless they complete the item. */
export function echoMark(s: CallState, name: string): StepResult | null {
  if (s.phase !== "live") return null;
  const p = s.playback;
  const colon = name.indexOf(":");
  const gen = Number(name.slice(0, colon));
  const bytes = Number(name.slice(colon + 1));
  // Echoes flushed by a `clear`, or from an item already finished, carry an older generation.
  if (colon < 0 || gen !== p.gen || p.itemId === null || !(bytes > p.playedBytes))
    return { state: s, actions: [] };
  const played = Math.min(bytes, p.sentBytes);
  if (p.audioDone && played >= p.sentBytes) return null;
  p.playedBytes = played;
  return { state: s, actions: [] };
}
