import { nextDueAt, type ReminderTiming } from "../_shared/domain/reminders/timing.ts";
import type { Database } from "../_shared/platform/db.ts";

interface DueReminder {
  id: string;
  account_id: string;
  line_id: string;
  once_local: string | null;
  days_of_week: number[] | null;
  times: string[] | null;
  timezone: string;
  next_due_at: Date;
}

/**
 * Claims up to `limit` due reminders (`FOR UPDATE SKIP LOCKED`, so overlapping ticks take disjoint rows),
 * writes each one's occurrence — `unique (reminder_id, occurrence_at)` makes a duplicated tick a no-op —
 * and advances `next_due_at` past `now` in the same transaction. A reminder due long ago gets one
 * occurrence, not one per missed slot. Returns how many it claimed.
 */
export async function claimDueReminders(db: Database, now: Date, limit: number): Promise<number> {
  return db.asService(async (tx) => {
    const due = await tx<DueReminder[]>`
      select id, account_id, line_id, to_char(once_local, 'YYYY-MM-DD"T"HH24:MI') as once_local,
        days_of_week::int[] as days_of_week,
        (select array_agg(to_char(t, 'HH24:MI')) from unnest(times) as t) as times, timezone, next_due_at
      from public.ultaura_reminders
      where not paused and next_due_at <= ${now}
      order by next_due_at
      limit ${limit}
      for update skip locked
    `;
    if (due.length === 0) return 0;
    const plans = due.map((r) => ({
      id: r.id,
      account_id: r.account_id,
      line_id: r.line_id,
      occurrence_at: r.next_due_at.toISOString(),
      ...planNext(r, now),
    }));
    await tx`
      with plan as (
        select * from jsonb_to_recordset(${tx.json(plans)}) as p(id uuid, account_id uuid, line_id uuid,
          occurrence_at timestamptz, next_due_at timestamptz, planned boolean)
      ), occurrences as (
        insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at)
        select id, account_id, line_id, occurrence_at, occurrence_at from plan
        on conflict (reminder_id, occurrence_at) do nothing
      )
      update public.ultaura_reminders r set
        next_due_at = case when plan.planned then plan.next_due_at else
          public.ultaura_reminder_next_due(r.once_local, r.days_of_week, r.times, r.timezone, ${now}) end,
        claimed_at = ${now}
      from plan where r.id = plan.id
    `;
    return due.length;
  });
}

/** A zone this runtime's Intl cannot read is planned by the database's copy of the same rule (0039). */
function planNext(r: DueReminder, now: Date): { next_due_at: string | null; planned: boolean } {
  const timing: ReminderTiming = r.once_local
    ? { once: r.once_local, timezone: r.timezone }
    : { daysOfWeek: r.days_of_week ?? [], times: r.times ?? [], timezone: r.timezone };
  try {
    return { next_due_at: nextDueAt(timing, now)?.toISOString() ?? null, planned: true };
  } catch {
    return { next_due_at: null, planned: false };
  }
}

export interface ClaimedOccurrence {
  id: string;
  lineId: string;
  accountId: string;
}

/** How far ahead a companion call counts as "about to happen": the reminder is given in it instead. */
export const COMPANION_WINDOW_MINUTES = 15;

/**
 * Claims up to `limit` due pending occurrences (SKIP LOCKED). Those whose line has a companion call in
 * progress are handed to that call (`in_call`: functions/bridge tells the model at the caller's next
 * turn); those whose line has a companion call due within 15 minutes wait for it (the call's context
 * takes them), and are dialled on their own only if it has not taken them 15 minutes after it was due.
 * The rest are returned, claimed (`dialling`), for the dialler.
 */
export async function claimDueOccurrences(
  db: Database,
  now: Date,
  limit: number,
): Promise<ClaimedOccurrence[]> {
  if (limit <= 0) return [];
  return db.asService(async (tx) => {
    const claimed = await tx<
      (ClaimedOccurrence & { liveSession: string | null; companionAt: Date | null })[]
    >`
      with due as (
        select o.id, o.line_id, o.account_id from public.ultaura_reminder_occurrences o
        where o.state = 'pending' and o.due_at <= ${now}
        order by o.due_at
        limit ${limit}
        for update skip locked
      )
      select due.id, due.line_id as "lineId", due.account_id as "accountId",
        (select s.id from public.ultaura_call_sessions s
          where s.line_id = due.line_id and s.ended_at is null and s.status = 'in_progress'
            and not exists (select 1 from public.ultaura_reminder_occurrences x
                            where x.call_session_id = s.id and x.state = 'calling')
          order by s.created_at desc limit 1) as "liveSession",
        (select min(c.at) from (
            select sc.next_run_at as at from public.ultaura_schedules sc
            where sc.line_id = due.line_id and sc.enabled
            union all
            select r.due_at from public.ultaura_schedule_runs r
            where r.line_id = due.line_id and r.state in ('pending', 'dialling')
          ) as c
          where c.at between ${now}::timestamptz - make_interval(mins => ${COMPANION_WINDOW_MINUTES})
            and ${now}::timestamptz + make_interval(mins => ${COMPANION_WINDOW_MINUTES})) as "companionAt"
      from due
    `;
    const inCall = claimed.filter((c) => c.liveSession !== null);
    const waiting = claimed.filter((c) => c.liveSession === null && c.companionAt !== null);
    const dial = claimed.filter((c) => c.liveSession === null && c.companionAt === null);
    if (inCall.length > 0) {
      await tx`
        update public.ultaura_reminder_occurrences o set state = 'in_call', call_session_id = p.session,
          given_in_call = true, attempts = o.attempts + 1, claimed_at = ${now}
        from jsonb_to_recordset(${tx.json(inCall.map((c) => ({ id: c.id, session: c.liveSession })))})
          as p(id uuid, session uuid)
        where o.id = p.id`;
    }
    if (waiting.length > 0) {
      const until = waiting.map((c) => ({
        id: c.id,
        due_at: new Date(
          Math.max(now.getTime(), (c.companionAt as Date).getTime()) + COMPANION_WINDOW_MINUTES * 60_000,
        ).toISOString(),
      }));
      await tx`
        update public.ultaura_reminder_occurrences o set due_at = p.due_at, result = 'waiting_for_call'
        from jsonb_to_recordset(${tx.json(until)}) as p(id uuid, due_at timestamptz) where o.id = p.id`;
    }
    if (dial.length > 0) {
      await tx`
        update public.ultaura_reminder_occurrences set state = 'dialling', claimed_at = ${now}
        where id in (select value::uuid from jsonb_array_elements_text(${tx.json(dial.map((c) => c.id))}))`;
    }
    return dial.map(({ id, lineId, accountId }) => ({ id, lineId, accountId }));
  });
}

/** Gives back occurrences a tick claimed but never dialled (no call session was made for them). */
export async function releaseStaleOccurrences(db: Database, now: Date, olderThanMs: number): Promise<number> {
  const rows = await db.sql`
    update public.ultaura_reminder_occurrences set state = 'pending', claimed_at = null
    where state = 'dialling' and claimed_at < ${new Date(now.getTime() - olderThanMs)}
    returning id`;
  return rows.length;
}
