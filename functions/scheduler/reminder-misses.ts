import type { Copy } from "../_shared/domain/copy/types.ts";
import { spokenClock } from "../_shared/domain/reminders/timing.ts";
import type { Database } from "../_shared/platform/db.ts";
import type { Logger } from "../_shared/platform/log.ts";
import type { PeriodicJob } from "./tick.ts";

/**
 * A notice to the account's family members who asked for reminder notices: one in-app alert and one
 * text each, exactly once per `subject` (the care circle's `notifyMembers` with kind `reminders`).
 */
export interface MemberNotice {
  accountId: string;
  lineId: string;
  /** Unique per occurrence: a second notice with it sends nothing. */
  subject: string;
  /** The words in each member's language. */
  text: (copy: Copy) => string;
}

export type NotifyMembers = (notice: MemberNotice) => Promise<unknown>;

interface MissRow {
  id: string;
  account_id: string;
  line_id: string;
  occurrence_at: Date;
  timezone: string;
  kind: "medication" | "appointment" | "other";
  text: string;
  set_by: "family" | "voice";
  notify_on_miss: boolean;
  name: string;
}

/**
 * Tells the family about occurrences whose last attempt went unacknowledged, once each: rows are taken
 * `FOR UPDATE SKIP LOCKED` (overlapping ticks take disjoint ones), notified, and marked in the same
 * transaction; the notifier's own key (`reminder-miss:<occurrence>`) covers a crash between the two. The
 * reminder's text goes in only when the family wrote it; what the person set by voice stays theirs.
 */
export function reminderMisses(db: Database, notify: NotifyMembers, log: Logger): PeriodicJob {
  return {
    name: "reminder_misses",
    async run() {
      const told = await db.asService(async (tx) => {
        const misses = await tx<MissRow[]>`
          select o.id, o.account_id, o.line_id, o.occurrence_at, r.timezone, r.kind, r.text, r.set_by,
            r.notify_on_miss, coalesce(l.preferred_name, l.display_name) as name
          from public.ultaura_reminder_occurrences o
          join public.ultaura_reminders r on r.id = o.reminder_id
          join public.ultaura_lines l on l.id = o.line_id
          where o.state = 'missed' and o.notified_at is null
          order by o.updated_at
          limit 200
          for update of o skip locked`;
        for (const miss of misses.filter((m) => m.notify_on_miss)) {
          await notify({
            accountId: miss.account_id,
            lineId: miss.line_id,
            subject: `reminder-miss:${miss.id}`,
            text: (copy) =>
              copy.reminders.missedSms(
                miss.name,
                copy.reminders.kinds[miss.kind],
                spokenClock(copy.reminders, miss.occurrence_at, miss.timezone),
                miss.set_by === "family" ? miss.text : null,
              ),
          });
        }
        if (misses.length > 0) {
          await tx`
            update public.ultaura_reminder_occurrences set notified_at = now()
            where id in (select value::uuid from jsonb_array_elements_text(${tx.json(misses.map((m) => m.id))}))`;
        }
        return misses.filter((m) => m.notify_on_miss).length;
      });
      if (told > 0) log.info("missed reminders told", { occurrences: told });
    },
  };
}
