import { spendingCapReached } from "../../_shared/domain/calls/inbound.ts";
import { answeredByKind } from "../../_shared/domain/sessions/call-status.ts";
import type { Tx } from "../../_shared/platform/db.ts";

export type OutboundAnswer =
  | { kind: "unknown_session" }
  | { kind: "connect"; name: string; language: string }
  | { kind: "voicemail_message"; name: string; language: string }
  /** A reminder call reached a machine: "your 8 o'clock reminder", never what it is about. */
  | { kind: "reminder_voicemail"; name: string; language: string; at: Date; timezone: string }
  | { kind: "trial_used_up"; name: string; language: string }
  | { kind: "spending_cap_reached"; name: string; language: string }
  | { kind: "hang_up" };

interface OutboundRow {
  account_id: string;
  direction: "inbound" | "outbound";
  ended_at: Date | null;
  name: string | null;
  language: string | null;
  do_not_call: boolean | null;
  voicemail_behavior: "leave_message" | "hang_up" | null;
  plan_kind: string;
  minutes_remaining: number;
}

/**
 * Decides what a call we placed hears once Twilio connects it, and keeps the CallSid the moment we see
 * it. An answering machine never gets a conversation: a short message or a hang-up, per the line's
 * setting. A line that opted out after the call was queued is hung up on without a word.
 */
export async function prepareOutboundAnswer(
  tx: Tx,
  sessionId: string,
  callSid: string,
  answeredBy: string | null,
): Promise<OutboundAnswer> {
  const [row] = await tx<OutboundRow[]>`
    select s.account_id, s.direction, s.ended_at, coalesce(l.preferred_name, l.display_name) as name, l.language, l.do_not_call,
           l.voicemail_behavior, u.plan_kind, u.minutes_remaining
    from public.ultaura_call_sessions s
    join public.ultaura_account_usage u on u.account_id = s.account_id
    left join public.ultaura_lines l on l.id = s.line_id
    where s.id = ${sessionId}
    for update of s
  `;
  if (row?.direction !== "outbound" || row.ended_at !== null || row.name === null)
    return { kind: "unknown_session" };
  const kind = answeredByKind(answeredBy);
  const machine = kind === "machine" || kind === "fax";
  await tx`
    update public.ultaura_call_sessions set
      twilio_call_sid = coalesce(twilio_call_sid, ${callSid}),
      answered_by = coalesce(${kind}, answered_by),
      answered_at = coalesce(answered_at, now()),
      end_reason = case when ${machine} then 'voicemail'::public.ultaura_call_end_reason
                        when ${row.do_not_call === true} then 'opt_out'::public.ultaura_call_end_reason
                        else end_reason end
    where id = ${sessionId}
  `;
  const language = row.language ?? "en-US";
  if (row.do_not_call) return { kind: "hang_up" };
  if (machine) {
    if (row.voicemail_behavior !== "leave_message") return { kind: "hang_up" };
    const [reminder] = await tx<{ at: Date; timezone: string }[]>`
      select o.occurrence_at as at, r.timezone from public.ultaura_reminder_occurrences o
      join public.ultaura_reminders r on r.id = o.reminder_id
      where o.call_session_id = ${sessionId} and o.state = 'calling'
      order by o.occurrence_at limit 1`;
    return reminder
      ? { kind: "reminder_voicemail", name: row.name, language, ...reminder }
      : { kind: "voicemail_message", name: row.name, language };
  }
  if (row.plan_kind === "trial" && row.minutes_remaining <= 0)
    return { kind: "trial_used_up", name: row.name, language };
  if (await spendingCapReached(tx, row.account_id))
    return { kind: "spending_cap_reached", name: row.name, language };
  return { kind: "connect", name: row.name, language };
}
