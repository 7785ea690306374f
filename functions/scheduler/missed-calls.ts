import { languageOf } from "../_shared/domain/copy/index.ts";
import { CONSENTED_CONTACT, notifyContacts } from "../_shared/domain/notifications/contacts.ts";
import { type NotifyDeps, notifyMembers } from "../_shared/domain/notifications/notify.ts";
import type { PeriodicJob } from "./tick.ts";

/** Missed runs looked at per tick; the rest wait for the next one, oldest first. */
const BATCH = 100;

interface MissedRun {
  runId: string;
  accountId: string;
  lineId: string;
  occurrenceAt: Date;
  attempts: number;
  name: string;
  language: string;
  timezone: string;
  /** The line's local date of the call, YYYY-MM-DD. */
  localDay: string;
  /** The day before was missed too, and nobody reached the person (or heard from them) since. */
  secondDay: boolean;
}

/**
 * Missed-call escalation (issue 22), on the scheduler's tick: every scheduled call whose last attempt went
 * unanswered (the runs' trigger settles it `missed`, 0016) is told once to each member who asked for
 * missed-call notices — the call's local time and how many times it rang. When the day before was missed
 * too, with no answered call since, the line's trusted contacts who opted in are texted once for that day.
 * A run skipped for a planned pause or quiet hours is not unanswered and raises nothing. The notices' keys
 * (`run:<the last attempt's run>`, `two-days:<line>:<day>`) make duplicated or late ticks send nothing twice.
 */
export function missedCallNotices(deps: NotifyDeps): PeriodicJob {
  return {
    name: "missed-call-notices",
    async run(now) {
      const runs = await deps.db.asService(
        (tx) => tx<MissedRun[]>`
          with missed as (
            select r.id, r.account_id, r.line_id, r.schedule_id, r.occurrence_at, r.attempt + 1 as attempts,
              coalesce(l.preferred_name, l.display_name) as name, l.language, l.timezone,
              (r.occurrence_at at time zone l.timezone)::date as local_day
            from public.ultaura_schedule_runs r join public.ultaura_lines l on l.id = r.line_id
            where r.outcome = 'missed' and r.result in ('no_answer', 'busy', 'failed')
              and r.updated_at > ${now}::timestamptz - interval '1 day'
              and not exists (select 1 from public.ultaura_notifications n
                where n.account_id = r.account_id and n.kind = 'missed_calls'
                  and n.subject_key = 'run:' || r.id)
            order by r.updated_at limit ${BATCH}
          )
          select m.id as "runId", m.account_id as "accountId", m.line_id as "lineId",
            m.occurrence_at as "occurrenceAt", m.attempts, m.name, m.language, m.timezone,
            m.local_day::text as "localDay",
            exists (select 1 from public.ultaura_schedule_runs p
              where p.line_id = m.line_id and p.outcome = 'missed' and p.result in ('no_answer', 'busy', 'failed')
                and (p.occurrence_at at time zone m.timezone)::date = m.local_day - 1)
            and not exists (select 1 from public.ultaura_schedule_runs p
              where p.line_id = m.line_id and p.outcome = 'reached'
                and (p.occurrence_at at time zone m.timezone)::date between m.local_day - 1 and m.local_day)
            and not exists (select 1 from public.ultaura_call_sessions s
              where s.line_id = m.line_id and s.status = 'completed' and s.answered_by is distinct from 'machine'
                and s.created_at >= ((m.local_day - 1)::timestamp at time zone m.timezone))
            as "secondDay"
          from missed m`,
      );
      for (const run of runs) await escalate(deps, run);
    },
  };
}

async function escalate(deps: NotifyDeps, run: MissedRun): Promise<void> {
  const when = (locale: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: run.timezone,
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
    }).format(run.occurrenceAt);
  await notifyMembers(deps, {
    accountId: run.accountId,
    lineId: run.lineId,
    kind: "missed_calls",
    subject: `run:${run.runId}`,
    text: (copy) => copy.careCircle.missedCall(run.name, when(copy.locale), run.attempts),
  });
  if (!run.secondDay) return;
  await notifyContacts(
    deps,
    {
      accountId: run.accountId,
      lineId: run.lineId,
      kind: "missed_calls",
      subject: `two-days:${run.lineId}:${run.localDay}`,
      language: languageOf(run.language),
      text: (copy) => copy.careCircle.missedTwoDays(run.name),
    },
    (tx) => tx<{ id: string; phone: string }[]>`
      select t.id, t.phone_e164 as phone from public.ultaura_trusted_contacts t
      where t.line_id = ${run.lineId} and t.account_id = ${run.accountId} and t.notify_missed_calls
        and ${tx.unsafe(CONSENTED_CONTACT)}
      order by t.created_at, t.id`,
  );
}
