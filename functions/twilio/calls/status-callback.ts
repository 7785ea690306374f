import type { PlanKind } from "../../_shared/contracts/bridge.ts";
import type { CallEndReason } from "../../_shared/contracts/end-reasons.ts";
import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { decideStatus, type SessionStatus, type TwilioCallStatus, toSessionStatus } from "./call-status.ts";
import { classifyMinutes } from "./metering.ts";

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

const SCHEDULE_RESULTS: Partial<Record<SessionStatus, string>> = {
  completed: "completed",
  busy: "busy",
  no_answer: "no_answer",
  failed: "failed",
  canceled: "failed",
};

/** Twilio's AnsweredBy values, folded into what we keep. */
export function answeredByKind(answeredBy: string | null): "human" | "machine" | "fax" | "unknown" | null {
  if (!answeredBy) return null;
  if (answeredBy === "human" || answeredBy === "fax" || answeredBy === "unknown") return answeredBy;
  return answeredBy.startsWith("machine") ? "machine" : "unknown";
}

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

  const seconds = status === "completed" ? Math.max(0, callback.durationSeconds ?? 0) : 0;
  const machine = answeredBy === "machine" || answeredBy === "fax";
  await tx`
    update public.ultaura_call_sessions set
      status = ${status},
      last_status_sequence = ${decision.sequence},
      twilio_call_sid = coalesce(twilio_call_sid, ${callback.callSid}),
      answered_by = ${answeredBy},
      started_at = coalesce(started_at, now()),
      ended_at = coalesce(ended_at, now()),
      seconds_connected = ${seconds},
      end_reason = coalesce(end_reason, ${machine ? "voicemail" : (END_REASONS[status] ?? null)})
    where id = ${session.id}
  `;
  await meterCall(tx, session, seconds, machine);
  if (session.schedule_id) {
    const result = machine ? "voicemail" : (SCHEDULE_RESULTS[status] ?? "failed");
    await tx`
      update public.ultaura_schedules set last_result = ${result}, last_run_at = coalesce(last_run_at, now())
      where id = ${session.schedule_id}
    `;
  }
  return "ended";
}

/**
 * Writes the call's one ledger entry. The account row is locked so two calls ending at once are
 * classified one after the other against the right remaining allowance.
 */
async function meterCall(
  tx: Tx,
  session: SessionRow,
  seconds: number,
  answeredByMachine: boolean,
): Promise<void> {
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
