import type { CallContext } from "../../../functions/_shared/contracts/index.ts";
import { createResponse } from "../grok/client-events.ts";
import type { GrokClientEvent } from "../grok/types.ts";
import type { CallAction, CallConfig, CallSnapshot, CallState, Playback, TimerName } from "./types.ts";

export const DEFAULT_CONFIG: CallConfig = {
  // The numbers: 20 s of caller silence, filler after 1.5 s, tool give-up after 5 s, 30 s to
  // confirm an opt-out, a warm-started object waits 30 s for its stream.
  silenceMs: 20_000,
  toolFillerMs: 1_500,
  toolTimeoutMs: 5_000,
  optOutWindowMs: 30_000,
  // The promise is speech within 2 s of the caller's turn ending (or of a tool's answer). A stalled session
  // sends nothing a bridge could play, so the only voice left is a fresh session's reconnect sentence, which
  // needs its own few hundred ms (connect, configure, first audio): the model gets 1 s to start answering.
  // A model slower than that is treated as stalled — the reconnect carries the conversation on, at the cost
  // of one of the call's reconnects.
  grokStallMs: 1_000,
  // A session's first answer (the greeting, or the line a fresh session opens with after a reconnect) comes
  // slower — the model loads the instructions and the conversation so far — and no turn of the caller's is
  // waiting on it: it gets 3 s before it counts as a stall.
  grokFirstAudioMs: 3_000,
  streamWaitMs: 30_000,
  // A stream socket gets 5 s to bring a start whose token checks out, so a silent socket cannot hold the
  // object (or the call's one stream slot); Twilio sends `connected` and `start` at once.
  startDeadlineMs: 5_000,
  // Speech must last this long while the AI talks before it counts as an interruption. Coughs, line
  // clicks and a quick "mm"/"yeah" end sooner and leave the AI talking; 160 ms plus the model's VAD
  // latency and a network hop still lands the `clear` inside the 300 ms the acceptance test allows.
  bargeInDebounceMs: 160,
  minuteCheckMs: 60_000,
  lowMinutesAtSeconds: 60,
  // A spoken goodbye gets this long to be heard before the hang-up; the trial cut-off promises 30 s.
  goodbyeDeadlineMs: 25_000,
  // xAI has documented 30 and 120 minute session caps; move on well before the smaller one.
  grokSessionCapMs: 25 * 60_000,
  // Grok reconnects across the whole call (each with the reconnect sentence); then the apology's goodbye.
  maxReconnects: 2,
  maxTurnsCarried: 30,
  // Twilio ends the stream as soon as it takes the apology's live-call update; a stream still open this long
  // after means the update is slow or lost, and closing it lets functions/twilio speak the apology instead
  // (its <Connect action> answer) — inside the 2 s the issue allows for silence.
  streamCloseAfterApologyMs: 1_500,
  backstopGraceMs: 30_000,
  // functions/twilio reconnects a broken stream within seconds (Twilio asks its <Connect action> at once).
  resumeWindowMs: 5 * 60_000,
  // A second try covers a dropped connection or a 5xx; Twilio's 4xx answers do not change on a retry.
  maxHangUpAttempts: 2,
  maxEndPostAttempts: 2,
  // So a stranger's sockets or a noisy failure cannot turn into unbounded posts to functions/bridge.
  maxRecordedEvents: 20,
  // The model answers a short text request in a second or two; the Durable Object should not linger.
  insightsFallbackMs: 10_000,
};

export function initialState(opts: {
  callSessionId: string;
  config?: Partial<CallConfig>;
  context?: CallContext;
}): CallState {
  return {
    phase: "opening",
    callSessionId: opts.callSessionId,
    resumedFrom: null,
    config: { ...DEFAULT_CONFIG, ...opts.config },
    context: opts.context ?? null,
    contextRequested: opts.context !== undefined,
    apology: null,
    stream: null,
    tokenRejected: false,
    spentTokens: [],
    twilioConn: null,
    grok: {
      conn: 0,
      status: "none",
      nextConn: 1,
      pending: null,
      reconnects: 0,
      rolloverDue: false,
      resumeResponse: false,
    },
    response: { status: "idle", id: null, cancelledId: null, cancelOnCreate: false, queued: null },
    playback: { itemId: null, gen: 0, sentBytes: 0, markedBytes: 0, playedBytes: 0, audioDone: false },
    callerSpeaking: false,
    bargeInPending: false,
    stallArmed: false,
    greeted: false,
    silenceChecks: 0,
    optOutArmed: false,
    pendingTools: {},
    minutes: { status: null, deadlineAt: null, lowWarned: false },
    ending: null,
    recordedEvents: 0,
    insightsLogged: false,
    insightsFallback: null,
    turns: [],
    assistantText: "",
    stats: { callerTurns: 0, assistantTurns: 0, bargeIns: 0, toolCalls: 0, firstAudioAt: null },
  };
}

/**
 * A call the object lost (restarted mid-call): only what it persisted is known, enough for the alarm
 * backstop to hang it up. A snapshot without a minute deadline had only the alarm that forgets a broken
 * stream's call (see `finish`): `minutes.deadlineAt` tells the two apart. (An identity persisted before
 * snapshots carried the deadline counts as having one.)
 */
export function lostState(
  persisted: Pick<CallSnapshot, "callSessionId" | "callSid"> & { deadlineAt?: number | null },
): CallState {
  const s = initialState({ callSessionId: persisted.callSessionId });
  const deadlineAt = persisted.deadlineAt === undefined ? 0 : persisted.deadlineAt;
  return {
    ...s,
    phase: "lost",
    minutes: { ...s.minutes, deadlineAt },
    stream: { streamSid: "", callSid: persisted.callSid, verified: true, startedAt: 0, token: null },
  };
}

/** What durable storage keeps of a verified call (see CallSnapshot); null before the stream is verified. */
export function snapshotOf(s: CallState): CallSnapshot | null {
  if (!s.stream?.verified) return null;
  return {
    callSessionId: s.callSessionId,
    callSid: s.stream.callSid,
    turns: s.turns,
    deadlineAt: s.minutes.deadlineAt,
    startedAt: s.resumedFrom?.startedAt ?? s.stream.startedAt,
    reconnects: s.grok.reconnects,
    stats: s.stats,
    spentTokens: s.spentTokens,
  };
}

/**
 * A fresh state for a call carried on from `snapshot` (a new stream after the old one broke, or an object
 * that was reset): the conversation, the minute deadline, the reconnects used and the counts go on.
 */
export function resumedState(s: CallState, snapshot: CallSnapshot): CallState {
  const fresh = initialState({ callSessionId: s.callSessionId, config: s.config });
  return {
    ...fresh,
    apology: s.apology,
    resumedFrom: { startedAt: snapshot.startedAt },
    turns: snapshot.turns.slice(-s.config.maxTurnsCarried),
    minutes: { ...fresh.minutes, deadlineAt: snapshot.deadlineAt },
    grok: { ...fresh.grok, reconnects: snapshot.reconnects },
    stats: snapshot.stats,
    spentTokens: snapshot.spentTokens ?? [],
  };
}

/** A new playback generation: a new assistant item, or nothing playing after a clear or a reconnect. */
export function nextPlayback(gen: number, itemId: string | null): Playback {
  return { itemId, gen: gen + 1, sentBytes: 0, markedBytes: 0, playedBytes: 0, audioDone: false };
}

export function send(s: CallState, out: CallAction[], event: GrokClientEvent): void {
  out.push({ type: "grok.send", conn: s.grok.conn, event });
}

export function setTimer(out: CallAction[], name: TimerName, ms: number): void {
  out.push({ type: "timer.set", name, ms: Math.max(0, ms) });
}

export function refuse(
  conn: number,
  reason: Extract<CallAction, { type: "twilio.refuse" }>["reason"],
): CallAction {
  return { type: "twilio.refuse", conn, reason };
}

export function cancelTimer(out: CallAction[], name: TimerName): void {
  out.push({ type: "timer.cancel", name });
}

export function log(
  out: CallAction[],
  level: "debug" | "info" | "warn" | "error",
  event: string,
  data?: Record<string, unknown>,
): void {
  out.push(data ? { type: "log", level, event, data } : { type: "log", level, event });
}

function merge(a: string | null, b: string | null): string | null {
  return a && b ? `${a}\n\n${b}` : (a ?? b);
}

/**
 * Asks the model to speak. Grok refuses a second response while one is active, so a request made
 * meanwhile waits in a single slot and goes out on response.done. A filler never displaces real work.
 */
export function requestResponse(
  s: CallState,
  out: CallAction[],
  instructions: string | null,
  filler = false,
  stallMs = s.config.grokStallMs,
): CallState {
  if (s.grok.status === "ready" && s.response.status === "idle" && s.response.queued === null) {
    send(s, out, createResponse(instructions ?? undefined));
    setTimer(out, "grokStall", stallMs);
    return { ...s, stallArmed: true, response: { ...s.response, status: "requested", id: null } };
  }
  const queued = s.response.queued;
  let next: { instructions: string | null; filler: boolean };
  if (!queued) next = { instructions, filler };
  else if (filler) next = queued;
  else if (queued.filler) next = { instructions, filler: false };
  else next = { instructions: merge(queued.instructions, instructions), filler: false };
  return { ...s, response: { ...s.response, queued: next } };
}

/** Sends the queued response once the model is idle and ready. */
export function flushQueued(s: CallState, out: CallAction[]): CallState {
  const queued = s.response.queued;
  if (!queued || s.grok.status !== "ready" || s.response.status !== "idle") return s;
  return requestResponse(
    { ...s, response: { ...s.response, queued: null } },
    out,
    queued.instructions,
    queued.filler,
  );
}

/** The caller has heard everything, nobody is talking and nothing is pending: a turn boundary. */
export function atBoundary(s: CallState): boolean {
  return (
    s.phase === "live" &&
    s.greeted &&
    s.grok.status === "ready" &&
    s.response.status === "idle" &&
    s.response.queued === null &&
    s.playback.itemId === null &&
    !s.callerSpeaking &&
    !s.bargeInPending &&
    !hasPendingTools(s)
  );
}

function hasPendingTools(s: CallState): boolean {
  for (const _ in s.pendingTools) return true;
  return false;
}
