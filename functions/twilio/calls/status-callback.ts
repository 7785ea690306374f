import type { CallEndReason } from "../../_shared/contracts/end-reasons.ts";
import { type CallClose, closeCallSession } from "../../_shared/domain/billing/call-close.ts";
import {
  answeredByKind,
  decideStatus,
  type SessionStatus,
  type TwilioCallStatus,
  toSessionStatus,
} from "../../_shared/domain/sessions/call-status.ts";
import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Tx } from "../../_shared/platform/db.ts";

export interface StatusCallback {
  callSid: string;
  status: TwilioCallStatus;
  sequence: number | null;
  /** CallDuration: connected seconds, on the final callback. */
  durationSeconds: number | null;
  answeredBy: string | null;
  /** Our session id from the callback URL, for outbound calls whose CallSid we may not have yet. */
  sessionId: string | null;
}

export type StatusOutcome = "unknown_call" | "duplicate" | "stale" | "already_final" | "updated" | "ended";

interface SessionRow {
  id: string;
  account_id: string;
  line_id: string | null;
  status: SessionStatus;
  last_status_sequence: number;
  answered_by: string | null;
  schedule_id: string | null;
}

/** The end reason Twilio's final status implies (spelled as the contract's list, i.e. the database enum). */
const END_REASONS: Partial<Record<SessionStatus, CallEndReason>> = {
  busy: "busy",
  no_answer: "no_answer",
  failed: "failed",
  canceled: "canceled",
};

/**
 * Applies one status callback, idempotently: the event is recorded once per (CallSid, status, sequence),
 * the session moves only forward, and the final status ends the call and writes its single ledger entry.
 */
export async function applyStatusCallback(tx: Tx, callback: StatusCallback): Promise<StatusOutcome> {
  const [session] = await tx<SessionRow[]>`
    select id, account_id, line_id, status, last_status_sequence, answered_by, schedule_id
    from public.ultaura_call_sessions
    where twilio_call_sid = ${callback.callSid} or id = ${callback.sessionId}
    order by (twilio_call_sid = ${callback.callSid}) desc nulls last
    limit 1
    for update
  `;
  if (!session) return "unknown_call";

  const fresh = await recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: callback.callSid,
    type: "twilio.status",
    payload: { status: callback.status, sequence: callback.sequence, duration: callback.durationSeconds },
    dedupeKey: `status:${callback.callSid}:${callback.status}:${callback.sequence ?? "-"}`,
  });
  if (!fresh) return "duplicate";

  const status = toSessionStatus(callback.status);
  const decision = decideStatus(
    { status: session.status, lastSequence: session.last_status_sequence },
    { status, sequence: callback.sequence },
  );
  if (!decision.apply) return decision.reason;

  const answeredBy = answeredByKind(callback.answeredBy) ?? session.answered_by;
  if (!decision.final) {
    await tx`
      update public.ultaura_call_sessions set
        status = ${status},
        last_status_sequence = ${decision.sequence},
        twilio_call_sid = coalesce(twilio_call_sid, ${callback.callSid}),
        answered_by = ${answeredBy},
        answered_at = case when ${status} = 'in_progress' then coalesce(answered_at, now()) else answered_at end
      where id = ${session.id}
    `;
    return "updated";
  }

  await tx`
    update public.ultaura_call_sessions set twilio_call_sid = coalesce(twilio_call_sid, ${callback.callSid})
    where id = ${session.id}`;
  await closeCallSession(tx, session, {
    status: status as CallClose["status"],
    seconds: callback.durationSeconds ?? 0,
    source: callback.durationSeconds === null ? "none" : "twilio",
    answeredBy,
    endReason: END_REASONS[status] ?? null,
    sequence: decision.sequence,
    closedBy: "twilio_status",
  });
  return "ended";
}
