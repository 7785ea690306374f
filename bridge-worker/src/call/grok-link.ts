import { messageItem, sessionUpdate } from "../grok/client-events.ts";
import { apologise } from "./ending.ts";
import { primer } from "./responses.ts";
import { cancelTimer, flushQueued, log, nextPlayback, requestResponse, setTimer } from "./state.ts";
import type { CallAction, CallState } from "./types.ts";

export function connect(s: CallState, out: CallAction[]): CallState {
  const conn = s.grok.nextConn;
  out.push({ type: "grok.connect", conn });
  return { ...s, grok: { ...s.grok, conn, nextConn: conn + 1, status: "connecting" } };
}

/** First message on a new socket: the session, then (on a fresh session mid-call) the conversation so far. */
function configure(s: CallState, out: CallAction[], conn: number): void {
  const ctx = s.context;
  if (!ctx) return;
  const config = {
    instructions: ctx.instructions,
    voice: ctx.voice,
    tools: ctx.tools,
    language: ctx.language,
  };
  out.push({ type: "grok.send", conn, event: sessionUpdate(config) });
  if (s.turns.length > 0)
    out.push({ type: "grok.send", conn, event: messageItem("system", primer(s.turns)) });
}

export function onOpened(s: CallState, out: CallAction[], conn: number): CallState {
  if (conn === s.grok.conn && s.grok.status === "connecting") {
    configure(s, out, conn);
    return { ...s, grok: { ...s.grok, status: "configuring" } };
  }
  if (conn === s.grok.pending?.conn) configure(s, out, conn);
  else out.push({ type: "grok.close", conn });
  return s;
}

export function onSessionUpdated(s: CallState, out: CallAction[], conn: number): CallState {
  const pending = s.grok.pending;
  if (pending && conn === pending.conn)
    return { ...s, grok: { ...s.grok, pending: { ...pending, ready: true } } };
  if (conn !== s.grok.conn || s.grok.status !== "configuring") return s;
  setTimer(out, "sessionCap", s.config.grokSessionCapMs);
  const ready: CallState = { ...s, grok: { ...s.grok, status: "ready", resumeResponse: false } };
  log(out, "info", "grok_ready", { conn });
  if (s.grok.resumeResponse) {
    // The caller heard the model stop mid-call: the reconnect sentence first, then whatever was waiting.
    const waiting = s.response.queued?.instructions;
    const reconnected = s.context?.phrases.reconnected ?? null;
    const instructions =
      reconnected && waiting ? `${reconnected}\n\n${waiting}` : (reconnected ?? waiting ?? null);
    const fresh = { ...ready, response: { ...ready.response, queued: null } };
    return requestResponse(fresh, out, instructions, false, s.config.grokFirstAudioMs);
  }
  return flushQueued(ready, out);
}

/** At a turn boundary: open the next session early, or swap to it once it is configured. */
export function rolloverAtBoundary(s: CallState, out: CallAction[]): CallState {
  const g = s.grok;
  if (g.pending?.ready) {
    out.push({ type: "grok.close", conn: g.conn });
    setTimer(out, "sessionCap", s.config.grokSessionCapMs);
    log(out, "info", "grok_rollover", { from: g.conn, to: g.pending.conn });
    const grok = { ...g, conn: g.pending.conn, pending: null, rolloverDue: false };
    return {
      ...s,
      grok,
      response: { status: "idle", id: null, cancelledId: null, cancelOnCreate: false, queued: null },
    };
  }
  if (!g.rolloverDue || g.pending) return s;
  out.push({ type: "grok.connect", conn: g.nextConn });
  return { ...s, grok: { ...g, pending: { conn: g.nextConn, ready: false }, nextConn: g.nextConn + 1 } };
}

/**
 * Grok refused, dropped or stalled. A replacement opened ahead of the cap is simply abandoned; the active session
 * gets one reconnect carrying the conversation, and after that the caller hears the apology.
 */
export function onGrokFailure(
  s: CallState,
  out: CallAction[],
  now: number,
  conn: number,
  why: string,
): CallState {
  const g = s.grok;
  if (g.pending && conn === g.pending.conn) {
    out.push({ type: "grok.close", conn });
    log(out, "warn", "grok_rollover_failed", { why });
    return { ...s, grok: { ...g, pending: null, rolloverDue: false } };
  }
  if (conn !== g.conn || g.status === "none" || g.status === "failed") return s;
  out.push({ type: "grok.close", conn });
  if (s.stallArmed) cancelTimer(out, "grokStall");
  log(out, "warn", "grok_failed", { why, conn, reconnects: g.reconnects });
  const p = s.playback;
  const reset: CallState = {
    ...s,
    stallArmed: false,
    // Audio already sent keeps playing, but its item belongs to the dead session: nothing left to truncate.
    playback: nextPlayback(p.gen, null),
    response: {
      status: "idle",
      id: null,
      cancelledId: null,
      cancelOnCreate: false,
      queued: s.response.queued,
    },
  };
  if (g.reconnects >= s.config.maxReconnects)
    return apologise({ ...reset, grok: { ...g, status: "failed" } }, out, now);
  const resumed = { ...reset, grok: { ...g, reconnects: g.reconnects + 1, resumeResponse: s.greeted } };
  return connect(resumed, out);
}

export function onSessionCap(s: CallState): CallState {
  return { ...s, grok: { ...s.grok, rolloverDue: true } };
}
