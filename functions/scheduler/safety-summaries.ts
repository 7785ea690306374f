import { type Copy, languageOf } from "../_shared/domain/copy/index.ts";
import { CONSENTED_CONTACT, notifyContacts } from "../_shared/domain/notifications/contacts.ts";
import { type NotifyDeps, notifyMembers } from "../_shared/domain/notifications/notify.ts";
import type { PeriodicJob } from "./tick.ts";

/** The line's local time from which the day before is summarised: a morning text, never a midnight one. */
const SUMMARY_FROM = "09:00";

interface Day {
  accountId: string;
  lineId: string;
  name: string;
  language: string;
  /** The line's local date summarised, YYYY-MM-DD. */
  day: string;
  count: number;
}

/**
 * Medium-tier concerns ("worth a check-in") reach people at most once a day, summarised: from 09:00 in the
 * line's zone, each line's previous day with medium events is texted once to the trusted contacts whose
 * lowest tier is medium or low, and told to the members who asked for safety notices. A day missed by
 * ticks (a late tick) is still summarised the day after; the keys (`medium:` for members,
 * `medium-contacts:` for contacts, per line and day) make a duplicated tick send nothing twice.
 */
export function safetySummaries(deps: NotifyDeps): PeriodicJob {
  return {
    name: "safety-summaries",
    async run(now) {
      const days = await deps.db.asService(
        (tx) => tx<Day[]>`
          select e.account_id as "accountId", e.line_id as "lineId",
            coalesce(l.preferred_name, l.display_name) as name, l.language,
            (e.created_at at time zone l.timezone)::date::text as day, count(*)::int as count
          from public.ultaura_safety_events e join public.ultaura_lines l on l.id = e.line_id
          where e.tier = 'medium' and e.created_at > ${now}::timestamptz - interval '3 days'
            and (e.created_at at time zone l.timezone)::date < (${now}::timestamptz at time zone l.timezone)::date
            and (${now}::timestamptz at time zone l.timezone)::time >= ${SUMMARY_FROM}::time
            and not exists (select 1 from public.ultaura_notifications n
              where n.account_id = e.account_id and n.kind = 'safety'
                and n.subject_key = 'medium:' || e.line_id || ':' || (e.created_at at time zone l.timezone)::date)
          group by 1, 2, 3, 4, 5
          order by 5, 2`,
      );
      for (const day of days) {
        const text = (copy: Copy) => copy.careCircle.mediumSummary(day.name, day.count);
        await notifyMembers(deps, {
          accountId: day.accountId,
          lineId: day.lineId,
          kind: "safety",
          subject: `medium:${day.lineId}:${day.day}`,
          text,
        });
        await notifyContacts(
          deps,
          {
            accountId: day.accountId,
            lineId: day.lineId,
            kind: "safety",
            subject: `medium-contacts:${day.lineId}:${day.day}`,
            language: languageOf(day.language),
            text,
          },
          (tx) => tx<{ id: string; phone: string }[]>`
            select t.id, t.phone_e164 as phone from public.ultaura_trusted_contacts t
            where t.line_id = ${day.lineId} and t.account_id = ${day.accountId}
              and 'medium'::public.ultaura_safety_tier = any(t.notify_on) and ${tx.unsafe(CONSENTED_CONTACT)}
            order by t.created_at, t.id`,
        );
      }
    },
  };
}
