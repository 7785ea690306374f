import { appendAudio } from "../grok/client-events.ts";
import type { GrokEvent } from "../grok/types.ts";
import type { TwilioEvent } from "../twilio/types.ts";
import { echoMark, relayModelAudio } from "./audio-path.ts";
import {
  onAssistantTranscript,
  onCallerTranscript,
  onDigit,
  onOptOutRecorded,
  onSilenceTimer,
  onTranscriptHint,
} from "./conversation.ts";
import { afterEnd, apologise, finish, hangUp, onAlarm, retryHangUp } from "./ending.ts";
import {
  connect,
  onGrokFailure,
  onOpened,
  onSessionCap,
  onSessionUpdated,
  rolloverAtBoundary,
} from "./grok-link.ts";
import { applyMinutes, onMinuteCheck, onMinutesLow, onMinutesOut, startMinutes } from "./minutes.ts";
import {
  onAudioDelta,
  onAudioDone,
  onBargeInTimer,
  onMark,
  onSpeechStarted,
  onSpeechStopped,
} from "./playback.ts";
import { recordEvents } from "./records.ts";
import { onResponseCreated, onResponseDone } from "./responses.ts";
import {
  atBoundary,
  cancelTimer,
  flushQueued,
  log,
  refuse,
  requestResponse,
  resumedState,
  setTimer,
  snapshotOf,
} from "./state.ts";
import { onStart, onStartDeadline, onStreamConnected, onTokenRejected } from "./stream.ts";
import { onFunctionCall, onToolFailed, onToolFiller, onToolResult } from "./tools.ts";
import type { CallAction, CallEvent, CallState, StepResult, TimerName } from "./types.ts";

/** The shell's clock, epoch ms (`Date.now` in production). */
export type Clock = () => number;

/**
 * The whole call as one pure function. Per-frame events take the clock-free `fastStep`; only the events
 * it declines read `clock`, so a frame costs the shell no clock read.
 */
export function step(state: CallState, event: CallEvent, clock: Clock): StepResult {
  return fastStep(state, event) ?? recordEvents(clockedStep(state, event, clock()));
}

/** The full path, for the events `fastStep` declined. */
function clockedStep(state: CallState, event: CallEvent, now: number): StepResult {
  const out: CallAction[] = [];
  if (event.type === "fault") {
    log(out, event.level, event.event, event.data);
    return { state, actions: out };
  }
  if (event.type === "alarm") return { state: onAlarm(state, out, now), actions: out };
  if (event.type === "twilio.connected" && state.phase !== "opening" && state.phase !== "live")
    return { state, actions: [refuse(event.conn, "stream already handled")] };
  if (state.phase === "lost") return { state, actions: out };
  if (event.type === "restore") {
    if (!mayResume(state)) return { state, actions: out };
    log(out, "info", "call_resumed", { turns: event.snapshot.turns.length });
    // The alarm that would have forgotten the call (a deadline's alarm stays: it is the minute backstop).
    if (event.snapshot.deadlineAt === null) out.push({ type: "alarm.cancel" });
    return { state: resumedState(state, event.snapshot), actions: out };
  }
  if (state.phase === "ended") return { state: afterEnd(state, event, out), actions: out };
  const before = atBoundary(state);
  let s = dispatch(state, event, out, now);
  if (s.phase !== "ended") {
    const after = atBoundary(s);
    if (!before && after) s = onBoundary(s, out, now);
    else if (before && !after) cancelTimer(out, "silence");
    if (s.phase === "live" && changedWhatIsKept(state, s)) persist(s, out);
  }
  return { state: s, actions: out };
}

/**
 * A call carries on from storage when this object has nothing of its own going: it was just made (an object
 * since reset) or its stream broke (the call may go on, see `finish`).
 */
function mayResume(s: CallState): boolean {
  if (s.phase === "ended") return s.ending?.reason === "stream_error";
  return s.phase === "opening" && s.stream === null && s.resumedFrom === null && s.twilioConn === null;
}

function changedWhatIsKept(a: CallState, b: CallState): boolean {
  return (
    a.turns !== b.turns ||
    a.minutes.deadlineAt !== b.minutes.deadlineAt ||
    a.grok.reconnects !== b.grok.reconnects
  );
}

function persist(s: CallState, out: CallAction[]): void {
  const snapshot = snapshotOf(s);
  if (snapshot) out.push({ type: "call.persist", snapshot });
}

/**
 * The per-frame paths, which need no clock: caller media (no state copy, one action), and the model's
 * audio deltas and Twilio's mark echoes while an item plays (./audio-path.ts). null → the full path.
 */
export function fastStep(state: CallState, event: CallEvent): StepResult | null {
  if (event.type === "twilio") {
    const message = event.message;
    if (message.event === "media") {
      const live = state.phase === "live" && state.stream?.verified === true && state.grok.status === "ready";
      return {
        state,
        actions: live
          ? [{ type: "grok.send", conn: state.grok.conn, event: appendAudio(message.payload) }]
          : [],
      };
    }
    if (message.event === "mark") return echoMark(state, message.name);
    return null;
  }
  if (event.type === "grok" && event.event.type === "response.output_audio.delta") {
    const { responseId, itemId, delta } = event.event;
    return relayModelAudio(state, event.conn, responseId, itemId, delta);
  }
  return null;
}

function onBoundary(s: CallState, out: CallAction[], now: number): CallState {
  if (s.ending) return hangUp(s, out, now, s.ending.reason);
  setTimer(out, "silence", s.config.silenceMs);
  return rolloverAtBoundary(s, out);
}

function maybeGreet(s: CallState, out: CallAction[]): CallState {
  if (s.greeted || !s.context || !s.stream?.verified || s.grok.status !== "ready") return s;
  log(out, "info", "greeting");
  // A call carried on from a broken stream or a reset object is not greeted again.
  const greeting = s.resumedFrom ? s.context.phrases.resumed : s.context.phrases.greeting;
  const queued = s.response.queued;
  const greeted = { ...s, greeted: true, response: { ...s.response, queued: null } };
  const instructions = queued?.instructions ? `${greeting}\n\n${queued.instructions}` : greeting;
  return flushQueued(requestResponse(greeted, out, instructions, false, s.config.grokFirstAudioMs), out);
}

function goLive(s: CallState, out: CallAction[], now: number): CallState {
  if (!s.context || !s.stream?.verified || s.phase === "live") return s;
  let live = startMinutes({ ...s, phase: "live" }, out, now);
  if (live.grok.status === "failed") return apologise(live, out, now);
  if (live.grok.status === "none") live = connect(live, out);
  return maybeGreet(live, out);
}

function dispatch(s: CallState, event: CallEvent, out: CallAction[], now: number): CallState {
  switch (event.type) {
    case "twilio.connected":
      return onStreamConnected(s, out, event.conn);
    case "twilio":
      return onTwilio(s, event.message, out, now);
    case "grok":
      if (event.conn !== s.grok.conn && event.conn !== s.grok.pending?.conn) return s;
      return onGrok(s, event.conn, event.event, out, now);
    case "grok.opened":
      return onOpened(s, out, event.conn);
    case "grok.failed":
      return onGrokFailure(s, out, now, event.conn, `refused ${event.status ?? "-"}: ${event.message}`);
    case "socket.closed":
      if (event.socket === "grok") return onGrokFailure(s, out, now, event.conn, "closed");
      // A stream closing before its token checked out is not the call's business; another may come.
      if (!s.stream?.verified) return { ...s, twilioConn: null };
      return finish(s, out, now, s.ending?.reason ?? "stream_error", false);
    case "timer":
      return onTimer(s, event.name, out, now);
    case "token.verified": {
      if (!s.stream || s.stream.verified) return s;
      cancelTimer(out, "streamWait");
      cancelTimer(out, "startDeadline");
      // Durable from here on: if the object loses its memory, the alarm backstop can still hang up, and a
      // new stream or a reset object carries the call on.
      const startedAt = s.resumedFrom?.startedAt ?? now;
      const spentTokens = s.stream.token ? [...s.spentTokens, s.stream.token] : s.spentTokens;
      const verified = { ...s, spentTokens, stream: { ...s.stream, verified: true, startedAt } };
      persist(verified, out);
      if (s.context) return goLive(verified, out, now);
      return requestContext(verified, out);
    }
    case "warmStart":
      return requestContext(event.apology ? { ...s, apology: event.apology } : s, out);
    case "token.rejected":
      return onTokenRejected(s, out, event.reason);
    case "context.loaded": {
      if (s.context) return s;
      let loaded: CallState = { ...s, context: event.context, contextRequested: true };
      if (!s.stream?.verified) {
        setTimer(out, "streamWait", s.config.streamWaitMs);
        return loaded.grok.status === "none" ? connect(loaded, out) : loaded;
      }
      loaded = goLive(loaded, out, now);
      return loaded;
    }
    case "context.failed":
      log(out, "error", "context_failed", { message: event.message });
      if (s.stream?.verified) return apologise({ ...s, grok: { ...s.grok, status: "failed" } }, out, now);
      return { ...s, contextRequested: false };
    case "tool.result":
      return onToolResult(s, out, event.callId, event.result);
    case "tool.failed":
      return onToolFailed(s, out, event.callId, event.retryable ? "error" : "refused");
    case "transcript.hint":
      return onTranscriptHint(s, out, event.hint);
    case "minutes.status":
      return s.phase === "live" ? applyMinutes(s, out, now, event.minutes) : s;
    case "optOut.recorded":
      return onOptOutRecorded(s, out, now, event.ok);
    case "hangup.failed":
      return retryHangUp(s, out, event);
    case "end.failed":
      return s;
    case "alarm":
      return onAlarm(s, out, now);
    case "restore":
      return s; // handled before the phase is looked at (clockedStep)
    case "fault":
      return s; // logged before the phase is looked at (clockedStep): a failure after the end counts too
  }
}

/** Asks functions/bridge for the context once (again only after a failure before the stream). */
function requestContext(s: CallState, out: CallAction[]): CallState {
  if (s.context || s.contextRequested) return s;
  out.push({ type: "bridge", request: { kind: "context" } });
  return { ...s, contextRequested: true };
}

function onTwilio(s: CallState, m: TwilioEvent, out: CallAction[], now: number): CallState {
  switch (m.event) {
    case "start":
      return onStart(s, out, now, m);
    case "mark":
      return onMark(s, m.name);
    case "dtmf":
      return s.stream?.verified ? onDigit(s, out, m.digit) : s;
    case "stop":
      if (!s.stream?.verified) return s;
      return finish(s, out, now, s.ending?.reason ?? "caller_hangup", true);
    default:
      return s;
  }
}

function onGrok(s: CallState, conn: number, e: GrokEvent, out: CallAction[], now: number): CallState {
  if (e.type === "session.updated") return maybeGreet(onSessionUpdated(s, out, conn), out);
  // The replacement session only configures itself; all conversation happens on the active one.
  if (conn !== s.grok.conn) return s;
  switch (e.type) {
    case "response.output_audio.delta":
      return onAudioDelta(s, out, now, e.responseId, e.itemId, e.delta);
    case "response.output_audio.done":
      return onAudioDone(s, out, e.itemId);
    case "response.output_audio_transcript.delta":
      return { ...s, assistantText: s.assistantText + e.delta };
    case "response.output_audio_transcript.done":
      return onAssistantTranscript(s, e.transcript);
    case "input_audio_buffer.speech_started":
      return onSpeechStarted(s, out);
    case "input_audio_buffer.speech_stopped":
      return onSpeechStopped(s, out);
    case "conversation.item.input_audio_transcription.completed":
      return onCallerTranscript(s, out, e.transcript);
    case "response.created":
      return onResponseCreated(s, out, e.responseId);
    case "response.done":
      return onResponseDone(s, out, e.responseId);
    case "response.function_call_arguments.done":
      return onFunctionCall(s, out, e.callId, e.name, e.arguments);
    case "error":
      // Recoverable unless the socket closes (a truncate or cancel that raced the server, for example).
      log(out, "warn", "grok_error", { code: e.code, message: e.message });
      return s;
    default:
      return s;
  }
}

function onTimer(s: CallState, name: TimerName, out: CallAction[], now: number): CallState {
  if (name.startsWith("toolFiller:")) return onToolFiller(s, out, name.slice("toolFiller:".length));
  if (name.startsWith("toolTimeout:"))
    return onToolFailed(s, out, name.slice("toolTimeout:".length), "timeout");
  switch (name) {
    case "silence":
      return atBoundary(s) ? onSilenceTimer(s, out, now) : s;
    case "bargeIn":
      return onBargeInTimer(s, out);
    case "optOutWindow":
      return { ...s, optOutArmed: false };
    case "grokStall":
      return s.stallArmed ? onGrokFailure({ ...s, stallArmed: false }, out, now, s.grok.conn, "stall") : s;
    case "startDeadline":
      return onStartDeadline(s, out);
    case "streamWait":
      if (s.stream?.verified) return s;
      log(out, "warn", "prepared_without_stream");
      return finish(s, out, now, s.tokenRejected ? "invalid_token" : "stream_error", false);
    case "minuteCheck":
      return onMinuteCheck(s, out);
    case "minutesLow":
      return onMinutesLow(s, out);
    case "minutesOut":
      return onMinutesOut(s, out, now);
    case "goodbyeDeadline":
      return s.ending ? hangUp(s, out, now, s.ending.reason) : s;
    case "sessionCap":
      return onSessionCap(s);
    default:
      return s;
  }
}
