import type { Tx } from "../adapters/db.ts";
import type { CallSummary } from "../contracts/bridge.ts";
import { endEventKey } from "./bridge-session.ts";
import { recordCallEvent } from "./sessions.ts";

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
      set end_reason = coalesce(end_reason, ${summary.endReason}::public.ultaura_call_end_reason)
      where id = ${session.id}`;
  }
  return { recorded };
}
