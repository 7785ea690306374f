import {
  isCallSid,
  STREAM_APOLOGY_PARAMETER,
  STREAM_LANGUAGE_PARAMETER,
  STREAM_TOKEN_PARAMETER,
} from "../../../functions/_shared/contracts/index.ts";
import type { TwilioStart } from "../twilio/types.ts";
import { log, refuse, setTimer } from "./state.ts";
import type { Apology, CallAction, CallState } from "./types.ts";

/**
 * Which media stream is the call's, until its token checks out: one stream socket at a time, exactly one
 * `start` per stream, and a deadline for that start. The verified stream's life is ./step.ts's.
 */

export function onStreamConnected(s: CallState, out: CallAction[], conn: number): CallState {
  if (s.twilioConn !== null) {
    out.push(refuse(conn, "stream already handled"));
    return s;
  }
  out.push({ type: "twilio.accept", conn });
  setTimer(out, "startDeadline", s.config.startDeadlineMs);
  return { ...s, twilioConn: conn };
}

export function onStart(s: CallState, out: CallAction[], now: number, m: TwilioStart): CallState {
  // Exactly one start per stream: a later one (while its token is checked, or once live) changes nothing.
  if (s.stream) {
    log(out, "warn", "second_stream_ignored");
    return s;
  }
  if (!isCallSid(m.callSid)) {
    log(out, "warn", "invalid_token", { reason: "malformed_call_sid" });
    if (s.twilioConn !== null) out.push(refuse(s.twilioConn, "no valid start"));
    return { ...s, tokenRejected: true, twilioConn: null };
  }
  const token = m.customParameters[STREAM_TOKEN_PARAMETER] ?? null;
  if (token !== null && s.spentTokens.includes(token)) {
    log(out, "warn", "invalid_token", { reason: "replayed" });
    if (s.twilioConn !== null) out.push(refuse(s.twilioConn, "no valid start"));
    return { ...s, tokenRejected: true, twilioConn: null };
  }
  out.push({ type: "token.verify", token, callSid: m.callSid, accountSid: m.accountSid });
  return {
    ...s,
    stream: { streamSid: m.streamSid, callSid: m.callSid, verified: false, startedAt: now, token },
    apology: s.apology ?? streamApology(m.customParameters),
  };
}

/** Somebody else's (or an expired) stream: close it and touch nothing of the real call. */
export function onTokenRejected(s: CallState, out: CallAction[], reason: string): CallState {
  log(out, "warn", "invalid_token", { reason });
  // A policy violation (1008), not a call that ended.
  if (s.twilioConn !== null) out.push(refuse(s.twilioConn, "no valid start"));
  return { ...s, stream: null, tokenRejected: true, twilioConn: null };
}

/** A silent socket (or one whose start never checked out) would hold the call's one stream slot. */
export function onStartDeadline(s: CallState, out: CallAction[]): CallState {
  if (s.twilioConn === null || s.stream?.verified) return s;
  log(out, "warn", "stream_without_start_closed");
  out.push(refuse(s.twilioConn, "no valid start"));
  return { ...s, twilioConn: null };
}

/** The apology functions/twilio put in the TwiML <Stream>'s parameters, if it is there. */
function streamApology(parameters: Record<string, string>): Apology | null {
  const text = parameters[STREAM_APOLOGY_PARAMETER]?.trim().slice(0, 500);
  if (!text) return null;
  return { text, language: parameters[STREAM_LANGUAGE_PARAMETER] ?? null };
}
