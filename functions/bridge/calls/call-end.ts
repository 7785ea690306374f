import type { CallSummary } from "../../_shared/contracts/bridge.ts";
import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { recordCallOptOut } from "./opt-out.ts";

/**
 * The Worker's end-of-call report, idempotent: the summary is recorded once per session, and the end
 * reason is set only if no one (Twilio's status callback, the voicemail path) set one first. Status,
 * `ended_at` and metering stay with Twilio's final status callback, which may come before or after this.
 * A call that ended with `opt_out` (the keypad's 9-9; the voice path ends with the goodbye) leaves an
 * opt-out even when the Worker's own opt-out request was lost. A `stream_error` only ends the stream: the
 * call may go on through a fresh stream (functions/twilio's stream-ended answer), so it is kept as an
 * interruption and leaves the session live.
 */
export async function recordCallEnd(
  tx: Tx,
  session: { id: string; callSid?: string | null },
  summary: CallSummary,
): Promise<{ recorded: boolean }> {
  if (summary.endReason === "stream_error") {
    await recordCallEvent(tx, {
      callSessionId: session.id,
      callSid: session.callSid ?? null,
      type: "bridge.interrupted",
      payload: { ...summary },
    });
    return { recorded: true };
  }
  // The key's spelling belongs to the database, whose ultaura_call_session_over looks for it.
  const [key] = await tx<{ value: string }[]>`select public.ultaura_bridge_end_key(${session.id}) as value`;
  const recorded = await recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: session.callSid ?? null,
    type: "bridge.summary",
    payload: { ...summary },
    dedupeKey: key?.value,
  });
  if (recorded) {
    await tx`
      update public.ultaura_call_sessions
      set end_reason = coalesce(end_reason, ${summary.endReason}::public.ultaura_call_end_reason)
      where id = ${session.id}`;
  }
  if (summary.endReason === "opt_out") {
    const [line] = await tx<{ accountId: string; lineId: string | null }[]>`
      select account_id as "accountId", line_id as "lineId" from public.ultaura_call_sessions where id = ${session.id}`;
    if (line?.lineId)
      await recordCallOptOut(tx, { id: session.id, accountId: line.accountId, lineId: line.lineId }, "dtmf");
  }
  return { recorded };
}
