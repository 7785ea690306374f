import type { PlanKind } from "../../contracts/bridge.ts";
import type { CallEndReason } from "../../contracts/end-reasons.ts";
import type { Tx } from "../../platform/db.ts";
import type { SessionStatus } from "../sessions/call-status.ts";
import { recordCallEvent } from "../sessions/sessions.ts";
import { classifyMinutes } from "./metering.ts";

/**
 * Closing a call session: its final status, its end, and its one ledger row. Three writers may close a
 * session — Twilio's final status callback, the Worker's end report, the scheduler's sweep — whichever
 * comes first; the session row is locked and a closed session is never closed again, and the ledger's
 * unique key on call_session_id keeps a second row out regardless.
 */

/** Where the connected seconds came from: Twilio's CallDuration, the bridge's stream, or nowhere. */
export type DurationSource = "twilio" | "bridge" | "none";

export interface CallClose {
  status: Exclude<SessionStatus, "created" | "queued" | "initiated" | "ringing" | "in_progress">;
  /** Connected seconds; billed only when the status is `completed`. */
  seconds: number;
  source: DurationSource;
  /** Folded AnsweredBy (see answeredByKind); null keeps what the session has. */
  answeredBy: string | null;
  /** Set only if no end reason was set before. */
  endReason: CallEndReason | null;
  /** Twilio's SequenceNumber of the final callback, when that is the closer. */
  sequence: number | null;
  /** Who closed it and why, kept in the call's record (`call.closed`). */
  closedBy: "twilio_status" | "bridge_end" | "sweep";
  note?: string;
}

export interface OpenSession {
  id: string;
  account_id: string;
  line_id: string | null;
  answered_by: string | null;
  schedule_id: string | null;
  last_status_sequence: number;
}

const SCHEDULE_RESULTS: Partial<Record<SessionStatus, string>> = {
  completed: "completed",
  busy: "busy",
  no_answer: "no_answer",
  failed: "failed",
  canceled: "failed",
};

/**
 * Locks and returns the session if it is still open (no final status, no end time); null when it is
 * gone or was closed already.
 */
export async function lockOpenSession(tx: Tx, sessionId: string): Promise<OpenSession | null> {
  const [session] = await tx<OpenSession[]>`
    select id, account_id, line_id, answered_by, schedule_id, last_status_sequence
    from public.ultaura_call_sessions
    where id = ${sessionId}
      and ended_at is null and not public.ultaura_call_status_final(status)
    for update`;
  return session ?? null;
}

/** Closes a locked open session and writes its ledger row. Returns the billed seconds. */
export async function closeCallSession(tx: Tx, session: OpenSession, close: CallClose): Promise<number> {
  const seconds = close.status === "completed" ? Math.max(0, Math.trunc(close.seconds)) : 0;
  const answeredBy = close.answeredBy ?? session.answered_by;
  const machine = answeredBy === "machine" || answeredBy === "fax";
  const sequence = Math.max(close.sequence ?? session.last_status_sequence, session.last_status_sequence);
  await tx`
    update public.ultaura_call_sessions set
      status = ${close.status},
      last_status_sequence = ${sequence},
      answered_by = ${answeredBy},
      started_at = coalesce(started_at, now()),
      ended_at = coalesce(ended_at, now()),
      seconds_connected = ${seconds},
      end_reason = coalesce(end_reason, ${machine ? "voicemail" : close.endReason})
    where id = ${session.id}
  `;
  await recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: null,
    type: "call.closed",
    payload: {
      closedBy: close.closedBy,
      status: close.status,
      seconds,
      durationSource: close.source,
      ...(close.note ? { note: close.note } : {}),
    },
    dedupeKey: `closed:${session.id}`,
  });
  await meterCall(tx, session, seconds, machine);
  if (session.schedule_id) {
    const result = machine ? "voicemail" : (SCHEDULE_RESULTS[close.status] ?? "failed");
    await tx`
      update public.ultaura_schedules set last_result = ${result}, last_run_at = coalesce(last_run_at, now())
      where id = ${session.schedule_id}
    `;
  }
  return seconds;
}

/**
 * Writes the call's one ledger entry. The account row is locked so two calls ending at once are
 * classified one after the other against the right remaining allowance.
 */
async function meterCall(tx: Tx, session: OpenSession, seconds: number, answeredByMachine: boolean) {
  const [account] = await tx<
    { plan_kind: PlanKind; minutes_included: number; cycle_start: Date; cycle_end: Date | null }[]
  >`
    select p.kind as plan_kind, a.minutes_included, a.cycle_start, a.cycle_end
    from public.ultaura_accounts a join public.ultaura_plans p on p.id = a.plan_id
    where a.id = ${session.account_id}
    for update of a
  `;
  if (!account) throw new Error("call session without account");
  const [used] = await tx<{ minutes: number }[]>`
    select coalesce(sum(billable_minutes), 0)::integer as minutes from public.ultaura_minute_ledger
    where account_id = ${session.account_id} and cycle_start = ${account.cycle_start}
  `;
  const minutes = classifyMinutes({
    secondsConnected: seconds,
    answeredByMachine,
    planKind: account.plan_kind,
    minutesIncluded: account.minutes_included,
    minutesUsedBefore: used?.minutes ?? 0,
  });
  await tx`
    insert into public.ultaura_minute_ledger
      (account_id, line_id, call_session_id, seconds_connected, billable_minutes, overage_minutes, billable_type,
       cycle_start, cycle_end, stripe_report_status)
    values (${session.account_id}, ${session.line_id}, ${session.id}, ${seconds}, ${minutes.billableMinutes},
            ${minutes.overageMinutes}, ${minutes.billableType}, ${account.cycle_start}, ${account.cycle_end},
            ${minutes.overageMinutes > 0 ? "pending" : "not_required"})
    on conflict (call_session_id) do nothing
  `;
}

/** What Twilio's REST API said about a call, when asked. */
export type TwilioCallFacts =
  | { known: true; status: string; durationSeconds: number | null }
  /** Twilio has no such call, or the session never got a CallSid. */
  | { known: false }
  /** Twilio could not be asked (network, 5xx): try again later. */
  | { unreachable: true };

const TWILIO_FINAL: Record<string, CallClose["status"]> = {
  completed: "completed",
  busy: "busy",
  "no-answer": "no_answer",
  failed: "failed",
  canceled: "canceled",
};

export type CloseDecision = Pick<CallClose, "status" | "seconds" | "source" | "endReason" | "note">;

/**
 * How to close a session from what Twilio says and what the bridge measured: Twilio's final status and
 * duration when Twilio knows the call is over; the bridge's stream seconds when Twilio does not know the
 * call (or, with `force`, when Twilio cannot say yet); else zero, with the reason noted. Null: leave it
 * open (Twilio says the call is still going, or could not be asked, and nothing forces the close).
 */
export function decideClose(
  twilio: TwilioCallFacts,
  bridgeSeconds: number | null,
  force: boolean,
): CloseDecision | null {
  if ("known" in twilio && twilio.known) {
    const final = TWILIO_FINAL[twilio.status];
    if (final && (final !== "completed" || twilio.durationSeconds !== null)) {
      const endReason = final === "completed" ? null : final;
      return { status: final, seconds: twilio.durationSeconds ?? 0, source: "twilio", endReason };
    }
    if (final) return fromBridge(bridgeSeconds, "twilio gave no duration");
    if (!force) return null;
    return fromBridge(bridgeSeconds, `twilio still reports ${twilio.status}`);
  }
  if ("unreachable" in twilio && !force) return null;
  return fromBridge(bridgeSeconds, "unreachable" in twilio ? "twilio unreachable" : "unknown to twilio");
}

function fromBridge(bridgeSeconds: number | null, note: string): CloseDecision {
  if (bridgeSeconds !== null)
    return { status: "completed", seconds: bridgeSeconds, source: "bridge", endReason: null, note };
  return { status: "failed", seconds: 0, source: "none", endReason: "error", note };
}

/** The seconds the bridge streamed on this call (every stream of it), or null when it reported none. */
export async function bridgeStreamSeconds(tx: Tx, sessionId: string): Promise<number | null> {
  const [row] = await tx<{ seconds: number | null }[]>`
    select sum((payload->>'streamSeconds')::integer)::integer as seconds
    from public.ultaura_call_events
    where call_session_id = ${sessionId} and type in ('bridge.summary', 'bridge.interrupted')
      and payload ? 'streamSeconds'`;
  return row?.seconds ?? null;
}
