import type {
  BridgeEndReason,
  CallContext,
  CallSummary,
  MinutesStatus,
  ToolCallResult,
} from "../../../functions/_shared/contracts/index.ts";
import type { GrokClientEvent, GrokEvent } from "../grok/types.ts";
import type { TwilioEvent } from "../twilio/types.ts";

/** Where each number comes from is in `DEFAULT_CONFIG`'s comments. */
export interface CallConfig {
  silenceMs: number;
  bargeInDebounceMs: number;
  toolFillerMs: number;
  toolTimeoutMs: number;
  optOutWindowMs: number;
  /** No model audio this long after the caller's turn ended or a response was asked for: the session stalled. */
  grokStallMs: number;
  /** The same for a session's first answer (a greeting, or a fresh session's first line after a reconnect). */
  grokFirstAudioMs: number;
  streamWaitMs: number;
  /** How long a media-stream socket may stay open without a `start` whose token checks out. */
  startDeadlineMs: number;
  minuteCheckMs: number;
  lowMinutesAtSeconds: number;
  goodbyeDeadlineMs: number;
  grokSessionCapMs: number;
  maxReconnects: number;
  maxTurnsCarried: number;
  streamCloseAfterApologyMs: number;
  /**
   * How long what is kept of a call whose stream broke waits for the call to come back; with no minute
   * deadline (whose alarm would clear it) an alarm at this distance forgets it.
   */
  resumeWindowMs: number;
  /** After the hard minute deadline, how long the alarm backstop waits for the in-memory path to end the call. */
  backstopGraceMs: number;
  /** Attempts at each hang-up through Twilio's REST API and at posting the end summary (transient failures only). */
  maxHangUpAttempts: number;
  maxEndPostAttempts: number;
  /** At most this many warnings and errors per call are recorded as call events (the rest only logged). */
  maxRecordedEvents: number;
  /** How long the still-open model session has to answer the insights request after the call ended. */
  insightsFallbackMs: number;
}

export type TimerName =
  | "silence"
  | "bargeIn"
  | "optOutWindow"
  | "grokStall"
  | "streamWait"
  | "startDeadline"
  | "minuteCheck"
  | "minutesLow"
  | "minutesOut"
  | "goodbyeDeadline"
  | "sessionCap"
  | "streamClose"
  | "insightsFallback"
  | `toolFiller:${string}`
  | `toolTimeout:${string}`;

export type CallEvent =
  /** A media-stream WebSocket arrived; `conn` names it until the reducer accepts or refuses it. */
  | { type: "twilio.connected"; conn: number }
  | { type: "twilio"; message: TwilioEvent }
  | { type: "grok"; conn: number; event: GrokEvent }
  | { type: "grok.opened"; conn: number }
  | { type: "grok.failed"; conn: number; status: number | null; message: string }
  | { type: "socket.closed"; socket: "twilio" }
  | { type: "socket.closed"; socket: "grok"; conn: number }
  | { type: "timer"; name: TimerName }
  | { type: "token.verified" }
  | { type: "token.rejected"; reason: string }
  /** functions/twilio's warm start (its prepare request): load the context and open Grok before the stream. */
  | { type: "warmStart"; apology: Apology | null }
  /**
   * Durable storage holds a snapshot of this call (from an earlier stream, or an object since reset); the
   * shell says so before a warm start or a stream socket is handed over, and the reducer decides whether
   * the call carries on from it.
   */
  | { type: "restore"; snapshot: CallSnapshot }
  | { type: "context.loaded"; context: CallContext }
  | { type: "context.failed"; message: string }
  | { type: "tool.result"; callId: string; result: ToolCallResult }
  /** `retryable`: the failure was transient (timeout, unreachable, 5xx), so the same call may work later. */
  | { type: "tool.failed"; callId: string; message: string; retryable: boolean }
  | { type: "transcript.hint"; hint: string | null }
  | { type: "minutes.status"; minutes: MinutesStatus }
  | { type: "optOut.recorded"; ok: boolean }
  /** A Twilio REST hang-up failed; `transient` failures may be retried. */
  | {
      type: "hangup.failed";
      attempt: number;
      transient: boolean;
      say: string | null;
      language: string | null;
    }
  /** Posting the end summary failed. */
  | { type: "end.failed"; attempt: number; transient: boolean; summary: CallSummary }
  /** The Durable Object alarm: the backstop for the hard minute limit. */
  | { type: "alarm" }
  /** A failure the shell met (a socket error, a failed send, post or hang-up), to be logged and recorded. */
  | { type: "fault"; level: "warn" | "error"; event: string; data?: Record<string, unknown> };

/** What Twilio says when the model is gone, in the line's language. */
export interface Apology {
  text: string;
  /** BCP-47, e.g. "es-US"; null lets Twilio pick its default. */
  language: string | null;
}

/**
 * Calls to `functions/bridge`. The shell performs them off the audio path and feeds the reply back:
 * context → context.loaded | context.failed; tool → tool.result | tool.failed; transcript → transcript.hint
 * (failures dropped: the backstop is best effort); minutes → minutes.status (failures dropped: the local
 * countdown keeps running); optOut → optOut.recorded; end → nothing.
 */
export type BridgeRequest =
  | { kind: "context" }
  | { kind: "tool"; callId: string; name: string; arguments: unknown }
  | { kind: "transcript"; text: string }
  | { kind: "minutes" }
  | { kind: "optOut" }
  | { kind: "end"; summary: CallSummary; attempt: number }
  /** The model's text-only insights record, after the call ended first (failures only reported). */
  | { kind: "insights"; text: string };

export type CallAction =
  | { type: "twilio.media"; streamSid: string; payload: string }
  | { type: "twilio.mark"; streamSid: string; name: string }
  | { type: "twilio.clear"; streamSid: string }
  | { type: "twilio.close" }
  /** The stream socket `conn` becomes the call's; media, marks, clear and close go to it from now on. */
  | { type: "twilio.accept"; conn: number }
  /**
   * Close stream socket `conn` as a policy violation: a second stream, one after the end, or one that
   * brought no valid start in time. It is not reported back as `socket.closed`.
   */
  | { type: "twilio.refuse"; conn: number; reason: "stream already handled" | "no valid start" }
  /**
   * Twilio REST live-call update: `Status=completed`, or with `say` `Twiml=<Say>…</Say><Hangup/>`. A
   * failure comes back as `hangup.failed` with this attempt number.
   */
  | {
      type: "twilio.hangup";
      callSid: string;
      say: string | null;
      language: string | null;
      attempt: number;
    }
  | { type: "grok.connect"; conn: number }
  /** The call is over: give up any Grok connection still being opened. */
  | { type: "grok.abandon" }
  | { type: "grok.send"; conn: number; event: GrokClientEvent }
  | { type: "grok.close"; conn: number }
  /** Replaces a running timer of the same name. */
  | { type: "timer.set"; name: TimerName; ms: number }
  | { type: "timer.cancel"; name: TimerName }
  | { type: "timer.cancelAll" }
  /**
   * Keep the call in durable storage (replacing what was kept): the alarm backstop can hang up if memory is
   * lost, and a fresh stream or object carries the conversation on from it.
   */
  | { type: "call.persist"; snapshot: CallSnapshot }
  /** Drop everything kept in durable storage for this call. */
  | { type: "call.forget" }
  /** The Durable Object alarm at `at` (epoch ms), replacing any earlier one. */
  | { type: "alarm.set"; at: number }
  | { type: "alarm.cancel" }
  /**
   * Check the stream token (verifyStreamToken) against this session and the `start`'s CallSid and
   * AccountSid, and dispatch token.verified or token.rejected.
   */
  | { type: "token.verify"; token: string | null; callSid: string; accountSid: string }
  | { type: "bridge"; request: BridgeRequest }
  /** Operational log. */
  | { type: "log"; level: "debug" | "info"; event: string; data?: Record<string, unknown> }
  /** `record`: also post it to functions/bridge as a call event (./records.ts decides which). */
  | { type: "log"; level: "warn" | "error"; event: string; data?: Record<string, unknown>; record?: true };

/**
 * What survives the object's memory: the call's identity (for the alarm backstop) and what a new stream or a
 * reset object needs to carry the call on. Bounded: at most `maxTurnsCarried` turns of at most 400 characters.
 */
export interface CallSnapshot {
  callSessionId: string;
  callSid: string;
  turns: Turn[];
  /** The hard minute deadline (epoch ms), kept across streams so a reconnect never extends the call. */
  deadlineAt: number | null;
  /** When the call's first stream started: the end report's stream seconds cover the whole call. */
  startedAt: number;
  /** Grok reconnects so far, across every stream of the call (at most `maxReconnects`). */
  reconnects: number;
  stats: CallState["stats"];
  spentTokens: string[];
}

export interface Turn {
  role: "caller" | "assistant";
  text: string;
}

export type GrokStatus = "none" | "connecting" | "configuring" | "ready" | "failed";

export interface GrokLink {
  /** Active connection id; events from any other id are late echoes of a replaced socket and ignored. */
  conn: number;
  status: GrokStatus;
  nextConn: number;
  /** A fresh session opened ahead of the cap; media keeps flowing to `conn` until the swap. */
  pending: { conn: number; ready: boolean } | null;
  reconnects: number;
  rolloverDue: boolean;
  /** After a reconnect the caller is usually waiting for an answer: ask for one once configured. */
  resumeResponse: boolean;
}

export interface ResponseState {
  /** requested: we sent response.create and no response.created has come back yet. */
  status: "idle" | "requested" | "active";
  id: string | null;
  /**
   * The response we cancelled. Grok keeps streaming deltas already in flight after `response.cancel`;
   * matching them by id drops them instead of replaying audio the caller just talked over.
   */
  cancelledId: string | null;
  /** Barge-in landed between our response.create and its response.created: cancel it on arrival. */
  cancelOnCreate: boolean;
  /** One response.create waiting for the active response to finish (two at once is a Grok error). */
  queued: { instructions: string | null; filler: boolean } | null;
}

/**
 * The one mutable part of CallState: while an item plays, the audio fast path (./audio-path.ts) moves
 * `sentBytes`, `markedBytes` and `playedBytes` in place rather than copying the state 60 times a second.
 * Every other change makes a new Playback (`nextPlayback`, or a spread).
 */
export interface Playback {
  /** The assistant item whose audio is going to Twilio; null when nothing is unheard. */
  itemId: string | null;
  /**
   * Bumped for every new item and every `clear`. Marks are named `<gen>:<bytes>`; on `clear` Twilio echoes
   * every pending mark at once, so without the generation those echoes would count as "heard" audio.
   */
  gen: number;
  /** µ-law bytes (8 per ms) of `itemId` sent to Twilio: the upper bound any truncation is clamped to. */
  sentBytes: number;
  /** Bytes covered by the last mark sent; marks go out every MARK_EVERY_BYTES and at the item's end. */
  markedBytes: number;
  /** Bytes Twilio confirmed played (highest mark echoed for this generation): what the caller heard. */
  playedBytes: number;
  /** Grok finished the item's audio; with playedBytes === sentBytes the caller has heard all of it. */
  audioDone: boolean;
}

export interface CallState {
  /**
   * `opening`: context, Grok and the media stream are being brought together (in any order); `live` from
   * the verified stream with the context loaded. `lost`: the object was restarted mid-call and only the persisted identity survived (the alarm backstop
   * hangs it up); every other event is then ignored.
   */
  phase: "opening" | "live" | "ended" | "lost";
  callSessionId: string;
  /**
   * Carried on from an earlier stream or a reset object: its first stream's start, and no greeting (the
   * model is told to carry on instead).
   */
  resumedFrom: { startedAt: number } | null;
  config: CallConfig;
  context: CallContext | null;
  contextRequested: boolean;
  /** From the warm start or the stream's parameters: spoken if the model fails without a context. */
  apology: Apology | null;
  stream: {
    streamSid: string;
    callSid: string;
    verified: boolean;
    startedAt: number;
    /** The stream token its `start` brought. */
    token: string | null;
  } | null;
  /**
   * Tokens of the call's verified streams (one per stream; carried across streams): a token is accepted
   * once, so a captured one cannot open the call again after its stream broke.
   */
  spentTokens: string[];
  tokenRejected: boolean;
  /** The accepted media-stream socket; Twilio opens one per call, so a second one is refused. */
  twilioConn: number | null;
  grok: GrokLink;
  response: ResponseState;
  playback: Playback;
  callerSpeaking: boolean;
  /** Caller speech seen while the assistant was audible; becomes a barge-in if it outlasts the debounce. */
  bargeInPending: boolean;
  /** The stall timer is running (kept so the per-delta path does not emit a cancel every frame). */
  stallArmed: boolean;
  greeted: boolean;
  silenceChecks: number;
  optOutArmed: boolean;
  /** Tool calls awaiting functions/bridge; `key`: posted for a pressed key (context `keyTools`), not by the model. */
  pendingTools: Record<string, { name: string; key?: true }>;
  minutes: { status: MinutesStatus | null; deadlineAt: number | null; lowWarned: boolean };
  /** A goodbye is being spoken; when it has been heard (or at the deadline) the call is hung up. */
  ending: { reason: BridgeEndReason } | null;
  /** Log entries recorded as call events so far (capped by `config.maxRecordedEvents`). */
  recordedEvents: number;
  /** functions/bridge stored the model's own insights record: no fallback is asked for at the end. */
  insightsLogged: boolean;
  /**
   * The call ended before the model recorded its insights: the still-open model session (`conn`) is asked
   * for the record as text. `requested` false while a response still in flight is being cancelled (two at
   * once is a Grok error); `text` collects the answer's deltas.
   */
  insightsFallback: { conn: number; requested: boolean; text: string } | null;
  turns: Turn[];
  assistantText: string;
  stats: {
    callerTurns: number;
    assistantTurns: number;
    bargeIns: number;
    toolCalls: number;
    firstAudioAt: number | null;
  };
}

export interface StepResult {
  state: CallState;
  actions: CallAction[];
}
