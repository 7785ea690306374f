import type { BridgeEndReason, CallSummary } from "../../../functions/_shared/contracts/index.ts";
import {
  onFallbackClosed,
  onFallbackGrok,
  onFallbackTimeout,
  startInsightsFallback,
  wantsInsightsFallback,
} from "./insights-fallback.ts";
import { cancelTimer, log, refuse, requestResponse, setTimer } from "./state.ts";
import type { CallAction, CallEvent, CallState } from "./types.ts";

export function summary(s: CallState, reason: BridgeEndReason, now: number): CallSummary {
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

/**
 * Closes everything, forgets the persisted identity (the alarm backstop is no longer needed) and posts
 * the summary; `phase: "ended"` makes every later event a no-op apart from the retries in `afterEnd`.
 */
export function finish(
  s: CallState,
  out: CallAction[],
  now: number,
  reason: BridgeEndReason,
  closeTwilio = true,
): CallState {
  out.push({ type: "timer.cancelAll" });
  out.push({ type: "grok.abandon" });
  // The model session stays open a little longer when it is to be asked for the call's insights.
  const fallback = wantsInsightsFallback(s, reason);
  if (s.grok.status !== "none" && !fallback) out.push({ type: "grok.close", conn: s.grok.conn });
  if (s.grok.pending) out.push({ type: "grok.close", conn: s.grok.pending.conn });
  if (closeTwilio && s.stream) out.push({ type: "twilio.close" });
  // A stream socket still without a valid start would otherwise outlive the call (its deadline is cancelled).
  else if (s.twilioConn !== null && !s.stream?.verified) out.push(refuse(s.twilioConn, "no valid start"));
  // A broken stream may come back (functions/twilio reconnects it): what is kept stays, with the alarm
  // backstop, until the call resumes or the alarm clears it.
  if (reason !== "stream_error") out.push({ type: "alarm.cancel" }, { type: "call.forget" });
  else if (s.minutes.deadlineAt === null) out.push({ type: "alarm.set", at: now + s.config.resumeWindowMs });
  out.push({ type: "bridge", request: { kind: "end", summary: summary(s, reason, now), attempt: 1 } });
  log(out, "info", "call_ended", { reason });
  const ended: CallState = { ...s, phase: "ended", ending: { reason } };
  return fallback ? startInsightsFallback(ended, out) : ended;
}

/**
 * Hanging up means both: close the media stream (the TwiML has nothing after </Connect>) and complete the
 * call through Twilio's REST API; whichever lands first ends the call.
 */
export function hangUp(s: CallState, out: CallAction[], now: number, reason: BridgeEndReason): CallState {
  if (s.stream?.verified)
    out.push({ type: "twilio.hangup", callSid: s.stream.callSid, say: null, language: null, attempt: 1 });
  return finish(s, out, now, reason);
}

/**
 * The model is gone for good: Twilio speaks the apology and hangs up (a live-call TwiML update). The media
 * stream stays open meanwhile — closing it first would end the call before the apology is heard — and is
 * closed by the `streamClose` timer if Twilio has not ended it by then (the update is slow or lost), so that
 * the `<Connect action>` speaks it instead (see `retryHangUp`). The apology is the context's, else
 * the one the warm start or the stream's own parameters brought (both from functions/twilio, in the
 * line's language); with none at all (a stream not started by our TwiML) Twilio hangs up without words.
 */
export function apologise(s: CallState, out: CallAction[], now: number): CallState {
  if (!s.stream?.verified) {
    log(out, "warn", "model_unavailable_before_stream");
    return { ...s, grok: { ...s.grok, status: "failed" } };
  }
  const apology = s.context ? { text: s.context.apology, language: s.context.language } : s.apology;
  if (!apology) log(out, "error", "no_apology_known");
  out.push({
    type: "twilio.hangup",
    callSid: s.stream.callSid,
    say: apology?.text ?? null,
    language: apology?.language ?? null,
    attempt: 1,
  });
  const ended = finish(s, out, now, "ai_unavailable", false);
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
  reason: BridgeEndReason,
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

/**
 * After the end only clean-up happens: the apology's stream closes on its timer, a late Grok socket is
 * closed, and a failed hang-up or summary post is tried again while the failure is transient.
 */
export function afterEnd(s: CallState, event: CallEvent, out: CallAction[]): CallState {
  switch (event.type) {
    case "timer":
      if (event.name === "streamClose") out.push({ type: "twilio.close" });
      if (event.name === "insightsFallback") return onFallbackTimeout(s, out);
      return s;
    case "grok":
      return onFallbackGrok(s, event.conn, event.event, out);
    case "socket.closed":
      return event.socket === "grok" ? onFallbackClosed(s, event.conn, out) : s;
    case "grok.opened":
      out.push({ type: "grok.close", conn: event.conn });
      return s;
    case "hangup.failed":
      return retryHangUp(s, out, event);
    case "end.failed":
      if (event.transient && event.attempt < s.config.maxEndPostAttempts) {
        const attempt = event.attempt + 1;
        out.push({ type: "bridge", request: { kind: "end", summary: event.summary, attempt } });
      } else log(out, "error", "end_post_gave_up", { attempts: event.attempt });
      return s;
    default:
      return s;
  }
}

/**
 * Twilio's REST API refused or failed a hang-up. The apology's update (Twilio to speak it) is not tried
 * again: the caller would hear nothing while it is, so the stream is closed at once instead, and Twilio's
 * `<Connect action>` asks functions/twilio what next — whose answer for a model gone (`ai_unavailable`) is
 * the same apology and a hang-up. A plain hang-up follows a closed stream (the `<Connect action>` ends the
 * call: it ended on purpose), so retrying it once when the failure was transient only makes sure.
 */
export function retryHangUp(
  s: CallState,
  out: CallAction[],
  event: Extract<CallEvent, { type: "hangup.failed" }>,
): CallState {
  const callSid = s.stream?.callSid;
  if (event.say !== null) {
    log(out, "warn", "apology_by_stream_end", { attempt: event.attempt });
    cancelTimer(out, "streamClose");
    out.push({ type: "twilio.close" });
    return s;
  }
  if (callSid && event.transient && event.attempt < s.config.maxHangUpAttempts) {
    const attempt = event.attempt + 1;
    out.push({ type: "twilio.hangup", callSid, say: event.say, language: event.language, attempt });
  } else log(out, "error", "hangup_gave_up", { attempts: event.attempt, transient: event.transient });
  return s;
}

/**
 * The Durable Object alarm fired. The in-memory path should have ended the call well before (the minute
 * deadline plus a grace period): a call still live is cut off now; a lost call (the object restarted, only
 * its identity persisted) is hung up through Twilio's REST API; an ended one needs nothing.
 */
export function onAlarm(s: CallState, out: CallAction[], now: number): CallState {
  if (s.phase === "ended") {
    // The stream broke and the call never came back here: what was kept for it goes.
    if (s.ending?.reason === "stream_error") out.push({ type: "call.forget" });
    return s;
  }
  if (s.phase === "lost" && s.minutes.deadlineAt === null) {
    // The alarm that forgets a broken stream's call: the call is Twilio's and functions/twilio's now.
    out.push({ type: "call.forget" });
    return { ...s, phase: "ended", ending: { reason: "stream_error" } };
  }
  if (s.phase === "lost") {
    log(out, "warn", "alarm_backstop_hangup");
    if (s.stream)
      out.push({ type: "twilio.hangup", callSid: s.stream.callSid, say: null, language: null, attempt: 1 });
    out.push({ type: "call.forget" });
    return { ...s, phase: "ended", ending: { reason: "minutes_exhausted" } };
  }
  log(out, "warn", "alarm_backstop_live_call");
  return hangUp(s, out, now, "minutes_exhausted");
}
