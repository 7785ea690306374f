import { type BridgeEndReason, INSIGHTS_TOOL_NAME } from "../../../functions/_shared/contracts/index.ts";
import { cancelResponse, createTextResponse } from "../grok/client-events.ts";
import type { GrokEvent } from "../grok/types.ts";
import { cancelTimer, log, setTimer } from "./state.ts";
import type { CallAction, CallState } from "./types.ts";

/**
 * The insights record when the call ended before the model recorded it (the person hung up, the minutes
 * ran out): the model session is still open after Twilio hung up, so it is asked — text only, nothing is
 * spoken — for the same record, within `insightsFallbackMs`, and the answer goes to functions/bridge.
 */

// Ends where the model is gone or the call never really happened, or may still go on (a broken stream).
const NO_FALLBACK: ReadonlySet<BridgeEndReason> = new Set([
  "stream_error",
  "ai_unavailable",
  "invalid_token",
]);

export function wantsInsightsFallback(s: CallState, reason: BridgeEndReason): boolean {
  return (
    !NO_FALLBACK.has(reason) &&
    !s.insightsLogged &&
    s.grok.status === "ready" &&
    s.context?.insightsRequest !== undefined &&
    // A call too short to have content (the person never said anything) records none.
    s.stats.callerTurns > 0
  );
}

/** Asks the open session for the record; a response still in flight is cancelled (or let finish) first. */
export function startInsightsFallback(s: CallState, out: CallAction[]): CallState {
  const conn = s.grok.conn;
  const busy = s.response.status !== "idle";
  if (s.response.status === "active") out.push({ type: "grok.send", conn, event: cancelResponse() });
  const ended = { ...s, insightsFallback: { conn, requested: false, text: "" } };
  setTimer(out, "insightsFallback", s.config.insightsFallbackMs);
  log(out, "info", "insights_fallback_requested", { waitedForResponse: busy });
  return busy ? ended : request(ended, out);
}

function request(s: CallState, out: CallAction[]): CallState {
  const fallback = s.insightsFallback;
  const instructions = s.context?.insightsRequest;
  if (!fallback || !instructions) return s;
  out.push({ type: "grok.send", conn: fallback.conn, event: createTextResponse(instructions) });
  return { ...s, insightsFallback: { ...fallback, requested: true } };
}

function done(s: CallState, out: CallAction[], text: string | null): CallState {
  const fallback = s.insightsFallback;
  if (!fallback) return s;
  cancelTimer(out, "insightsFallback");
  out.push({ type: "grok.close", conn: fallback.conn });
  if (text !== null && text.trim() !== "") {
    out.push({ type: "bridge", request: { kind: "insights", text } });
    log(out, "info", "insights_fallback_answered", { chars: text.length });
  } else log(out, "warn", "insights_fallback_unanswered");
  return { ...s, insightsFallback: null };
}

/** The session's events after the end, while the fallback waits. */
export function onFallbackGrok(s: CallState, conn: number, e: GrokEvent, out: CallAction[]): CallState {
  const fallback = s.insightsFallback;
  if (!fallback || conn !== fallback.conn) return s;
  if (!fallback.requested) return e.type === "response.done" ? request(s, out) : s;
  switch (e.type) {
    case "response.text.delta":
      return { ...s, insightsFallback: { ...fallback, text: fallback.text + e.delta } };
    case "response.function_call_arguments.done":
      // Asked for text, the model may still answer with the tool itself: its arguments are the record.
      return e.name === INSIGHTS_TOOL_NAME
        ? { ...s, insightsFallback: { ...fallback, text: e.arguments } }
        : s;
    case "response.done":
      return done(s, out, fallback.text);
    default:
      return s;
  }
}

export function onFallbackTimeout(s: CallState, out: CallAction[]): CallState {
  if (!s.insightsFallback) return s;
  log(out, "warn", "insights_fallback_timeout");
  return done(s, out, null);
}

/** The session closed before answering. */
export function onFallbackClosed(s: CallState, conn: number, out: CallAction[]): CallState {
  if (s.insightsFallback?.conn !== conn) return s;
  return done({ ...s, insightsFallback: { ...s.insightsFallback, requested: true } }, out, null);
}
