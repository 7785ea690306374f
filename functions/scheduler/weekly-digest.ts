import type { MoodTrend, WeekInNumbers } from "../_shared/domain/copy/types.ts";
import { type NotifyDeps, notifyMembers } from "../_shared/domain/notifications/notify.ts";
import type { PeriodicJob } from "./tick.ts";

/** The owner's local Monday time from which the week before is sent. */
const SEND_FROM = "08:00";
/** Accounts summarised per tick; the rest follow on the next ticks. */
const BATCH = 200;
/** Averages closer than this (on the 1–5 scale) are the same mood: one call's point up or down is noise. */
const MOOD_STEADY_WITHIN = 0.5;

interface Week {
  accountId: string;
  /** The Monday the digest is sent on (the key), and the Monday the summarised week began, YYYY-MM-DD. */
  monday: string;
  weekStart: string;
  answered: number;
  missed: number;
  minutes: number;
  alerts: number;
  /** Average moods of the week and of the week before, as numeric text; null when no call had one. */
  mood: string | null;
  previousMood: string | null;
  messagesDelivered: number;
  remindersAcknowledged: number;
  remindersMissed: number;
}

/**
 * The weekly digest (issue 22), on the scheduler's tick: once the account owner's Monday has reached 08:00
 * in their zone (`ultaura_account_zone`, 0038), each account's previous Monday-to-Sunday — calls answered,
 * scheduled calls missed, minutes, safety alerts, the average mood of its calls (0037) against the week
 * before's, family messages delivered, reminders acknowledged and missed (0039) — goes to the members who
 * asked for it, as a text and an in-app alert, once per account and week (key `week:<Monday>`): a duplicated tick finds the key taken, a
 * late one (Tuesday, say) still sends that week's. The week's bounds are local midnights, so a week with a
 * DST change has 167 or 169 hours.
 */
export function weeklyDigests(deps: NotifyDeps): PeriodicJob {
  return {
    name: "weekly-digests",
    async run(now) {
      const weeks = await deps.db.asService(
        (tx) => tx<Week[]>`
          with zoned as (
            select a.id, z.zone, date_trunc('week', ${now}::timestamptz at time zone z.zone) as monday_local,
              ${now}::timestamptz at time zone z.zone as now_local
            from public.ultaura_accounts a
            cross join lateral (select public.ultaura_account_zone(a.id) as zone) z
            where a.status <> 'canceled'
          ), due as (
            select id, zone, monday_local,
              (monday_local - interval '14 days') at time zone zone as previous_starts,
              (monday_local - interval '7 days') at time zone zone as starts,
              monday_local at time zone zone as ends
            from zoned
            where now_local >= monday_local + ${SEND_FROM}::time
              -- An account opened this week has no week before: its first digest is next Monday's.
              and (select created_at from public.ultaura_accounts where id = zoned.id) < monday_local at time zone zone
              and not exists (select 1 from public.ultaura_notifications n
                where n.account_id = zoned.id and n.kind = 'weekly_digest'
                  and n.subject_key = 'week:' || monday_local::date)
            limit ${BATCH}
          )
          select d.id as "accountId", d.monday_local::date::text as monday,
            (d.monday_local - interval '7 days')::date::text as "weekStart",
            (select count(*)::int from public.ultaura_call_sessions s
              where s.account_id = d.id and s.created_at >= d.starts and s.created_at < d.ends
                and s.status = 'completed' and s.answered_by is distinct from 'machine'
                and s.answered_by is distinct from 'fax') as answered,
            (select count(*)::int from public.ultaura_schedule_runs r
              where r.account_id = d.id and r.outcome = 'missed'
                and r.occurrence_at >= d.starts and r.occurrence_at < d.ends) as missed,
            (select coalesce(sum(m.billable_minutes), 0)::int from public.ultaura_minute_ledger m
              where m.account_id = d.id and m.created_at >= d.starts and m.created_at < d.ends) as minutes,
            (select count(*)::int from public.ultaura_safety_events e
              where e.account_id = d.id and e.created_at >= d.starts and e.created_at < d.ends) as alerts,
            -- Insights, messages and occurrences are indexed by line: reached through the account's lines. An
            -- insight is written after its call began, never before.
            (select round(avg(i.mood), 1)::text from public.ultaura_lines l
              join public.ultaura_call_insights i on i.line_id = l.id
              join public.ultaura_call_sessions s on s.id = i.call_session_id
              where l.account_id = d.id and i.mood is not null and i.created_at >= d.starts
                and s.created_at >= d.starts and s.created_at < d.ends) as mood,
            (select round(avg(i.mood), 1)::text from public.ultaura_lines l
              join public.ultaura_call_insights i on i.line_id = l.id
              join public.ultaura_call_sessions s on s.id = i.call_session_id
              where l.account_id = d.id and i.mood is not null and i.created_at >= d.previous_starts
                and s.created_at >= d.previous_starts and s.created_at < d.starts) as "previousMood",
            (select count(*)::int from public.ultaura_lines l
              join public.ultaura_line_messages m on m.line_id = l.id
              where l.account_id = d.id and m.delivered_at >= d.starts and m.delivered_at < d.ends) as "messagesDelivered",
            (select count(*)::int from public.ultaura_lines l
              join public.ultaura_reminder_occurrences o on o.line_id = l.id
              where l.account_id = d.id and o.state = 'acknowledged'
                and o.occurrence_at >= d.starts and o.occurrence_at < d.ends) as "remindersAcknowledged",
            (select count(*)::int from public.ultaura_lines l
              join public.ultaura_reminder_occurrences o on o.line_id = l.id
              where l.account_id = d.id and o.state = 'missed'
                and o.occurrence_at >= d.starts and o.occurrence_at < d.ends) as "remindersMissed"
          from due d`,
      );
      for (const week of weeks) {
        const weekOf = (locale: string) =>
          new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(
            new Date(`${week.weekStart}T00:00:00Z`),
          );
        await notifyMembers(deps, {
          accountId: week.accountId,
          kind: "weekly_digest",
          subject: `week:${week.monday}`,
          text: (copy) => copy.careCircle.weeklyDigest({ ...inNumbers(week), weekOf: weekOf(copy.locale) }),
        });
      }
    },
  };
}

function inNumbers(week: Week): Omit<WeekInNumbers, "weekOf"> {
  const { mood, previousMood, ...counts } = week;
  return {
    ...counts,
    mood: mood === null ? null : { average: Number(mood), trend: moodTrend(Number(mood), previousMood) },
  };
}

function moodTrend(average: number, previous: string | null): MoodTrend | null {
  if (previous === null) return null;
  const change = average - Number(previous);
  if (Math.abs(change) < MOOD_STEADY_WITHIN) return "steady";
  return change > 0 ? "up" : "down";
}
