import type { CallEndReason } from "../../_shared/contracts/end-reasons.ts";
import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { SpokenLine } from "./spoken.ts";

/** A call's media stream is opened at most three times: the first and two reconnects. */
export const MAX_RECONNECTS = 2;

/** Ends that someone meant: the call is over and the stream's end needs no words from us. */
const ENDED_ON_PURPOSE: ReadonlySet<CallEndReason> = new Set([
  "caller_hangup",
  "assistant_goodbye",
  "minutes_exhausted",
  "opt_out",
  "caller_silent",
  "voicemail",
]);

/** What the call's record says when Twilio asks what next after a media stream ended. */
export interface StreamEndState {
  /**
   * Twilio reported a final status, the session has an end time, or its line is gone. Unlike
   * `ultaura_call_session_over` this leaves out the Worker's end report: its reason decides the answer.
   */
  callOver: boolean;
  /** Set by the Worker's end report (or the voicemail / opt-out paths); null while unknown. */
  endReason: CallEndReason | null;
  line: SpokenLine | null;
  /** The warm start of this call's latest stream failed: the Worker is likely down, no report will come. */
  prepareFailed: boolean;
}

export type StreamEndedAnswer =
  | { kind: "hang_up" }
  /** The stream broke and the call can go on: an apology, then a fresh stream. */
  | { kind: "reconnect"; line: SpokenLine; attempt: number }
  /** The stream broke and cannot come back: the apology that says goodbye, then a hang-up. */
  | { kind: "goodbye"; line: SpokenLine | null };

/**
 * Decides the answer to `<Connect action>`. A call that ended on purpose is hung up in silence (the goodbye
 * was said); a stream that broke is reconnected up to MAX_RECONNECTS times (`reconnects` already made),
 * and otherwise ends with the apology.
 */
export function afterStreamEnded(state: StreamEndState, reconnects: number): StreamEndedAnswer {
  // The model is gone or the stream was refused: a new stream would fail the same way. Decided before
  // `callOver`: Twilio asking means its call is still up, and the record may already say "over" because the
  // Worker's own end report closed the metering — while the apology it asked Twilio to speak by REST
  // failed, so these words are the caller's only ones (had that update landed, Twilio would not ask).
  if (state.endReason === "ai_unavailable" || state.endReason === "invalid_token")
    return { kind: "goodbye", line: state.line };
  if (state.callOver) return { kind: "hang_up" };
  if (state.endReason !== null && ENDED_ON_PURPOSE.has(state.endReason)) return { kind: "hang_up" };
  if (state.line === null) return { kind: "goodbye", line: null };
  if (reconnects >= MAX_RECONNECTS) return { kind: "goodbye", line: state.line };
  return { kind: "reconnect", line: state.line, attempt: reconnects + 1 };
}

interface StateRow {
  call_over: boolean;
  end_reason: CallEndReason | null;
  name: string | null;
  language: string | null;
  prepare_failed: boolean;
}

export const PREPARE_FAILED_EVENT = "bridge.prepare_failed";

/** Keeps a failed warm start in the call's record, so the stream-ended answer need not wait for a report. */
export async function recordPrepareFailed(
  tx: Tx,
  session: { id: string; callSid: string },
  reconnects: number,
  error: string,
): Promise<void> {
  await recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: session.callSid,
    type: PREPARE_FAILED_EVENT,
    payload: { reconnects, error: error.slice(0, 200) },
    dedupeKey: `prepare-failed:${session.id}:${reconnects}`,
  });
}

/** The session's state for `afterStreamEnded`; null when no session has that id. */
export async function loadStreamEndState(
  tx: Tx,
  sessionId: string,
  reconnects: number,
): Promise<StreamEndState | null> {
  const [row] = await tx<StateRow[]>`
    select (s.ended_at is not null
             or public.ultaura_call_status_final(s.status)
             or s.line_id is null) as call_over,
           coalesce(s.end_reason::text,
             (select e.payload->>'endReason' from public.ultaura_call_events e
              where e.dedupe_key = public.ultaura_bridge_end_key(s.id))) as end_reason,
           coalesce(l.preferred_name, l.display_name) as name, l.language,
           exists (select 1 from public.ultaura_call_events e
                   where e.dedupe_key = ${`prepare-failed:${sessionId}:`} || ${reconnects}::text) as prepare_failed
    from public.ultaura_call_sessions s left join public.ultaura_lines l on l.id = s.line_id
    where s.id = ${sessionId}`;
  if (!row) return null;
  return {
    callOver: row.call_over,
    endReason: row.end_reason,
    line: row.name !== null && row.language !== null ? { name: row.name, language: row.language } : null,
    prepareFailed: row.prepare_failed,
  };
}

/** Keeps each answer in the call's record; false when this attempt was answered before (a replay). */
export function recordStreamEnded(
  tx: Tx,
  session: { id: string; callSid: string },
  reconnects: number,
  answer: StreamEndedAnswer,
): Promise<boolean> {
  return recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: session.callSid,
    type: "twilio.stream_ended",
    payload: { reconnects, answer: answer.kind },
    dedupeKey: `stream-ended:${session.id}:${reconnects}`,
  });
}
