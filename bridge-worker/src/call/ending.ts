import type { CallEndReason, CallSummary } from "../../../functions/_shared/contracts/bridge.ts";
import { cancelTimer, log, requestResponse, setTimer } from "./state.ts";
import type { CallAction, CallState } from "./types.ts";

export function summary(s: CallState, reason: CallEndReason, now: number): CallSummary {
  const startedAt = s.stream?.verified ? s.stream.startedAt : null;
  const firstAudioAt = s.stats.firstAudioAt;
  return {
    endReason: reason,
    streamSeconds: startedAt === null ? 0 : Math.max(0, Math.round((now - startedAt) / 1000)),
    callerTurns: s.stats.callerTurns,
    assistantTurns: s.stats.assistantTurns,
    bargeIns: s.stats.bargeIns,
    toolCalls: s.stats.toolCalls,
    firstAudioMs: firstAudioAt !== null && startedAt !== null ? Math.max(0, firstAudioAt - startedAt) : null,
  };
}

/** Closes everything and posts the summary; `phase: "ended"` makes every later event a no-op. */
export function finish(
  s: CallState,
  out: CallAction[],
  now: number,
  reason: CallEndReason,
  closeTwilio = true,
): CallState {
  out.push({ type: "timer.cancelAll" });
  if (s.grok.status !== "none") out.push({ type: "grok.close", conn: s.grok.conn });
  if (s.grok.pending) out.push({ type: "grok.close", conn: s.grok.pending.conn });
  if (closeTwilio && s.stream) out.push({ type: "twilio.close" });
  out.push({ type: "bridge", request: { kind: "end", summary: summary(s, reason, now) } });
  log(out, "info", "call_ended", { reason });
  return { ...s, phase: "ended", ending: { reason } };
}

/**
 * Hanging up means both: close the media stream (the TwiML has nothing after </Connect>) and complete the
 * call through Twilio's REST API; whichever lands first ends the call.
 */
export function hangUp(s: CallState, out: CallAction[], now: number, reason: CallEndReason): CallState {
  if (s.stream?.verified)
    out.push({ type: "twilio.hangup", callSid: s.stream.callSid, say: null, language: null });
  return finish(s, out, now, reason);
}

/**
 * The model is gone for good: Twilio speaks the apology and hangs up (a live-call TwiML update). The media
 * stream stays open meanwhile — closing it first would end the call before the apology is heard — and is
 * closed by the `streamClose` timer if Twilio has not ended it by then.
 */
export function apologise(s: CallState, out: CallAction[], now: number): CallState {
  if (!s.stream?.verified) {
    log(out, "warn", "model_unavailable_before_stream");
    return { ...s, grok: { ...s.grok, status: "failed" } };
  }
  const text = s.context?.phrases.apologyText ?? s.config.fallbackApologyText;
  out.push({
    type: "twilio.hangup",
    callSid: s.stream.callSid,
    say: text,
    language: s.context?.language ?? null,
  });
  const ended = finish(s, out, now, "model_failure", false);
  setTimer(out, "streamClose", s.config.streamCloseAfterApologyMs);
  return ended;
}

/**
 * Starts a spoken goodbye; the call is hung up at the next turn boundary (the goodbye has been heard) or at
 * the deadline, whichever is first. The first reason wins. While Grok reconnects the request waits.
 */
export function beginGoodbye(
  s: CallState,
  out: CallAction[],
  now: number,
  reason: CallEndReason,
  instructions: string,
): CallState {
  if (s.ending) return s;
  if (s.grok.status === "failed") return apologise(s, out, now);
  cancelTimer(out, "silence");
  cancelTimer(out, "optOutWindow");
  setTimer(out, "goodbyeDeadline", s.config.goodbyeDeadlineMs);
  log(out, "info", "goodbye", { reason });
  return requestResponse({ ...s, ending: { reason }, optOutArmed: false }, out, instructions);
}
