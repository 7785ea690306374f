import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { SpokenLine } from "./spoken.ts";

export interface FallbackCall {
  callSid: string | null;
  /** The caller's number on an inbound call. */
  from: string | null;
  errorCode: string | null;
  errorUrl: string | null;
}

/**
 * Twilio's fallback URL: our webhook failed. Records it and finds the line the call belongs to (its session
 * by CallSid, else the inbound caller's number) so the apology is said in the line's language; null when
 * no line is known. Best effort by design: the caller must hear something even if this throws.
 */
export async function recordFallback(tx: Tx, call: FallbackCall): Promise<SpokenLine | null> {
  await recordCallEvent(tx, {
    callSessionId: null,
    callSid: call.callSid,
    type: "voice.fallback",
    payload: { errorCode: call.errorCode, errorUrl: call.errorUrl },
  });
  if (call.callSid !== null) {
    const [line] = await tx<SpokenLine[]>`
      select coalesce(l.preferred_name, l.display_name) as name, l.language
      from public.ultaura_call_sessions s join public.ultaura_lines l on l.id = s.line_id
      where s.twilio_call_sid = ${call.callSid}`;
    if (line) return line;
  }
  if (call.from === null) return null;
  const [line] = await tx<SpokenLine[]>`
    select coalesce(preferred_name, display_name) as name, language
    from public.ultaura_lines
    where phone_e164 = ${call.from} and phone_verified_at is not null and status = 'active'`;
  return line ?? null;
}
