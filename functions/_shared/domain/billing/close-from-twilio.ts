import type { Database } from "../../platform/db.ts";
import { type TwilioRest, twilioHasNoSuch } from "../../platform/twilio-rest.ts";
import {
  bridgeStreamSeconds,
  type CallClose,
  closeCallSession,
  decideClose,
  lockOpenSession,
  type TwilioCallFacts,
} from "./call-close.ts";

export type CloseOutcome = "closed" | "left_open" | "already_closed";

/** Asks Twilio's REST API about a call; never throws. */
export async function twilioCallFacts(
  twilio: Pick<TwilioRest, "fetchCall">,
  callSid: string | null,
): Promise<TwilioCallFacts> {
  if (callSid === null) return { known: false };
  try {
    const call = await twilio.fetchCall(callSid);
    const duration = call.duration === null || call.duration === undefined ? null : Number(call.duration);
    return {
      known: true,
      status: call.status,
      durationSeconds: duration !== null && Number.isInteger(duration) && duration >= 0 ? duration : null,
    };
  } catch (error) {
    if (twilioHasNoSuch(error)) return { known: false };
    return { unreachable: true };
  }
}

/**
 * Closes a session that no final status callback closed: asks Twilio (outside any transaction), then locks
 * the session and, if still open, closes it per `decideClose` and writes its ledger row.
 */
export async function closeFromTwilio(
  db: Database,
  twilio: Pick<TwilioRest, "fetchCall">,
  sessionId: string,
  { closedBy, force }: { closedBy: CallClose["closedBy"]; force: boolean },
): Promise<CloseOutcome> {
  const [row] = await db.asService(
    (tx) => tx<{ callSid: string | null }[]>`
      select twilio_call_sid as "callSid" from public.ultaura_call_sessions
      where id = ${sessionId}
        and ended_at is null and not public.ultaura_call_status_final(status)`,
  );
  if (!row) return "already_closed";
  const facts = await twilioCallFacts(twilio, row.callSid);
  return db.asService(async (tx) => {
    const open = await lockOpenSession(tx, sessionId);
    if (!open) return "already_closed";
    const decision = decideClose(facts, await bridgeStreamSeconds(tx, sessionId), force);
    if (!decision) return "left_open";
    await closeCallSession(tx, open, { ...decision, answeredBy: null, sequence: null, closedBy });
    return "closed";
  });
}
