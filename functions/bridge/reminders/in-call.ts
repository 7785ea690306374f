import { REMINDER_ACK_KEY } from "../../_shared/contracts/keypad.ts";
import { copyFor, languageOf } from "../../_shared/domain/copy/index.ts";
import type { ReminderCopy } from "../../_shared/domain/copy/types.ts";
import { spokenClock } from "../../_shared/domain/reminders/timing.ts";
import type { ActiveSession } from "../../_shared/domain/sessions/bridge-session.ts";
import type { Database, Tx } from "../../_shared/platform/db.ts";

/** How far ahead a companion call at its start takes a reminder that would otherwise be dialled on its own. */
const TAKE_AHEAD_MINUTES = 15;

interface GivenRow {
  id: string;
  state: string;
  occurrence_at: Date;
  text: string;
  require_ack: boolean;
  timezone: string;
}

/** What the call does with reminders: a reminder call of its own, or reminders given inside a companion call. */
export type ReminderPlan =
  | { kind: "none" }
  | { kind: "reminder_call"; opening: string; instructions: string; requireAck: boolean }
  | { kind: "companion"; instructions: string[] };

/**
 * At call start (`tx`: service): a call the scheduler placed for a reminder opens with it; a companion call
 * takes the line's reminders due now or within 15 minutes (marked `in_call`, so they are not dialled on
 * their own) and the model gives them at a natural moment. Only trusted calls (placed by us, or attested)
 * hear a reminder's words.
 */
export async function planReminders(
  tx: Tx,
  session: ActiveSession,
  now: Date,
  name: string,
  language: string,
): Promise<ReminderPlan> {
  if (!session.callerTrusted) return { kind: "none" };
  const copy = copyFor(languageOf(language)).reminders;
  const own = await tx<GivenRow[]>`
    select o.id, o.state, o.occurrence_at, r.text, r.require_ack, r.timezone
    from public.ultaura_reminder_occurrences o join public.ultaura_reminders r on r.id = o.reminder_id
    where o.call_session_id = ${session.id} and o.state = 'calling'
    order by o.occurrence_at`;
  const first = own[0];
  if (first) {
    const opening = copy.callOpening(
      name,
      spokenClock(copy, first.occurrence_at, first.timezone),
      own.map((o) => o.text).join("; "),
      own.some((o) => o.require_ack) ? REMINDER_ACK_KEY : null,
    );
    return {
      kind: "reminder_call",
      opening,
      instructions: copy.callInstructions(opening),
      requireAck: own.some((o) => o.require_ack),
    };
  }
  const taken = await tx<GivenRow[]>`
    update public.ultaura_reminder_occurrences o set state = 'in_call', call_session_id = ${session.id},
      given_in_call = true, attempts = o.attempts + 1, result = 'told', claimed_at = ${now}
    from public.ultaura_reminders r
    where r.id = o.reminder_id and o.line_id = ${session.lineId} and o.state = 'pending'
      and o.occurrence_at <= ${now}::timestamptz + make_interval(mins => ${TAKE_AHEAD_MINUTES})
    returning o.id, o.state, o.occurrence_at, r.text, r.require_ack, r.timezone`;
  if (taken.length === 0) return { kind: "none" };
  return { kind: "companion", instructions: taken.map((o) => inCallSentence(copy, o)) };
}

function inCallSentence(copy: ReminderCopy, row: GivenRow): string {
  return copy.inCall(spokenClock(copy, row.occurrence_at, row.timezone), row.text, row.require_ack);
}

/**
 * During a companion call: reminders the scheduler handed to it since it started (`in_call`, not yet
 * told), as one instruction for the model at the caller's next turn; each is told once.
 */
export async function reminderHint(db: Database, session: ActiveSession): Promise<string | null> {
  if (!session.callerTrusted) return null;
  return db.asService(async (tx) => {
    const rows = await tx<(GivenRow & { language: string })[]>`
      update public.ultaura_reminder_occurrences o set result = 'told'
      from public.ultaura_reminders r, public.ultaura_lines l
      where r.id = o.reminder_id and l.id = o.line_id and o.call_session_id = ${session.id}
        and o.state = 'in_call' and o.result is distinct from 'told'
      returning o.id, o.state, o.occurrence_at, r.text, r.require_ack, r.timezone, l.language`;
    const first = rows[0];
    if (!first) return null;
    const copy = copyFor(languageOf(first.language)).reminders;
    return rows.map((row) => inCallSentence(copy, row)).join("\n");
  });
}
