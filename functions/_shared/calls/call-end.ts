import type { Tx } from "../adapters/db.ts";
import type { CallEndReason, CallSummary } from "../contracts/bridge.ts";
import { endEventKey } from "./bridge-session.ts";
import { recordCallEvent } from "./sessions.ts";

/** The Worker's end reasons as the database enum `ultaura_call_end_reason` spells them (see 0008). */
export const END_REASON_COLUMN: Record<CallEndReason, string> = {
  caller_hangup: "caller_hangup",
  assistant_goodbye: "assistant_goodbye",
  caller_silent: "caller_silent",
  minutes_exhausted: "minutes_exhausted",
  opt_out: "opt_out",
  model_failure: "ai_unavailable",
  stream_error: "stream_error",
  invalid_token: "invalid_token",
};

/**
 * The Worker's end-of-call report, idempotent: the summary is recorded once per session, and the end
 * reason is set only if no one (Twilio's status callback, the voicemail path) set one first. Status,
 * `ended_at` and metering stay with Twilio's final status callback, which may come before or after this.
 */
export async function recordCallEnd(
  tx: Tx,
  session: { id: string; callSid?: string | null },
  summary: CallSummary,
): Promise<{ recorded: boolean }> {
  const recorded = await recordCallEvent(tx, {
    callSessionId: session.id,
    callSid: session.callSid ?? null,
    type: "bridge.summary",
    payload: { ...summary },
    dedupeKey: endEventKey(session.id),
  });
  if (recorded) {
    await tx`
      update public.ultaura_call_sessions
      set end_reason = coalesce(end_reason, ${END_REASON_COLUMN[summary.endReason]}::public.ultaura_call_end_reason)
      where id = ${session.id}`;
  }
  return { recorded };
}
