import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Tx } from "../../_shared/platform/db.ts";

export type OptOutSource = "voice" | "dtmf";

/**
 * "Stop calling me", confirmed on a call: one opt-out record with the call as evidence (its trigger sets
 * the line's `do_not_call`), and every call of the line that was created but not yet handed to Twilio is
 * cancelled. Schedules stay as the family set them — the scheduler skips lines marked do-not-call, and they
 * resume unchanged if the family re-enables calls — but a retry pending for a missed call is dropped.
 * Idempotent per call: a second confirmation on the same call records nothing more.
 */
export async function recordCallOptOut(
  tx: Tx,
  session: { id: string; accountId: string; lineId: string },
  source: OptOutSource,
): Promise<{ recorded: boolean; cancelledCalls: number }> {
  const [existing] = await tx`
    select 1 from public.ultaura_opt_outs
    where call_session_id = ${session.id} and resolved_at is null
    for update`;
  if (existing) return { recorded: false, cancelledCalls: 0 };
  // phone_e164 is filled in by the ultaura_apply_opt_out trigger from the line.
  await tx`
    insert into public.ultaura_opt_outs (account_id, line_id, phone_e164, source, call_session_id)
    select l.account_id, l.id, l.phone_e164, ${source}::public.ultaura_opt_out_source, ${session.id}::uuid
    from public.ultaura_lines l where l.id = ${session.lineId} and l.account_id = ${session.accountId}`;
  const cancelled = await tx`
    update public.ultaura_call_sessions
    set status = 'canceled', end_reason = coalesce(end_reason, 'opt_out'), ended_at = now(),
      started_at = coalesce(started_at, now())
    where line_id = ${session.lineId} and id <> ${session.id} and direction = 'outbound'
      and status = 'created' and ended_at is null
    returning id`;
  await tx`
    update public.ultaura_schedules
    set retry_count = 0, claimed_at = null,
      next_run_at = case when enabled
        then public.ultaura_schedule_next_run(days_of_week, time_of_day, timezone, now()) end
    where line_id = ${session.lineId} and retry_count > 0`;
  return { recorded: true, cancelledCalls: cancelled.length };
}

/**
 * The caller confirmed "stop calling me" on a call, by voice (the request_opt_out tool) or by keypad (the
 * DTMF route): the opt-out above plus one `bridge.opt_out` call event, both in the caller's transaction.
 */
export async function optOutFromCall(
  tx: Tx,
  session: { id: string; accountId: string; lineId: string },
  source: OptOutSource,
): Promise<{ recorded: boolean; cancelledCalls: number }> {
  const result = await recordCallOptOut(tx, session, source);
  await recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: null,
    type: "bridge.opt_out",
    payload: { source, cancelledCalls: result.cancelledCalls },
    dedupeKey: `opt-out:${session.id}`,
  });
  return result;
}
