import type { Tx } from "../../_shared/platform/db.ts";

/**
 * Whether the call session Twilio knows by `callSid` is over: Twilio reported a final status, it has an
 * end time, its line is gone, or the Worker reported its end. False when no session has that CallSid.
 */
export async function callSessionEnded(tx: Tx, callSid: string): Promise<boolean> {
  const rows = await tx<{ id: string }[]>`
    select s.id from public.ultaura_call_sessions s
    where s.twilio_call_sid = ${callSid} and public.ultaura_call_session_over(s)`;
  return rows.length > 0;
}
