import type { Database } from "../_shared/platform/db.ts";
import { nextRunAt } from "./next-run.ts";

interface DueRow {
  id: string;
  account_id: string;
  line_id: string;
  days_of_week: number[];
  time_of_day: string;
  timezone: string;
  next_run_at: Date;
}

/**
 * Claims up to `limit` due schedules (`FOR UPDATE SKIP LOCKED`, so overlapping ticks take disjoint rows)
 * and, in the same transaction, writes each occurrence's first run and advances `next_run_at` past `now`.
 * A schedule that was due long ago gets one run, not one per missed slot. Returns how many it claimed.
 */
export async function claimDueSchedules(db: Database, now: Date, limit: number): Promise<number> {
  return db.asService(async (tx) => {
    const due = await tx<DueRow[]>`
      select id, account_id, line_id, days_of_week, time_of_day::text as time_of_day, timezone, next_run_at
      from public.ultaura_schedules
      where enabled and next_run_at <= ${now}
      order by next_run_at
      limit ${limit}
      for update skip locked
    `;
    if (due.length === 0) return 0;
    const plans = due.map((s) => ({
      id: s.id,
      account_id: s.account_id,
      line_id: s.line_id,
      occurrence_at: s.next_run_at.toISOString(),
      next_run_at: planNext(s, now),
    }));
    await tx`
      with plan as (
        select * from jsonb_to_recordset(${tx.json(plans)})
          as p(id uuid, account_id uuid, line_id uuid, occurrence_at timestamptz, next_run_at timestamptz)
      ), runs as (
        insert into public.ultaura_schedule_runs (schedule_id, account_id, line_id, occurrence_at, due_at)
        select id, account_id, line_id, occurrence_at, occurrence_at from plan
        on conflict (schedule_id, occurrence_at, attempt) do nothing
      )
      update public.ultaura_schedules s set
        next_run_at = coalesce(plan.next_run_at,
          public.ultaura_schedule_next_run(s.days_of_week, s.time_of_day, s.timezone, ${now})),
        claimed_at = ${now}, last_run_at = ${now}
      from plan where s.id = plan.id
    `;
    return due.length;
  });
}

/**
 * The schedule's next run after `now`. A zone Postgres accepts but this runtime's Intl does not (e.g. a POSIX
 * "EST5EDT") must not stop every tick: such a row is planned by the database's copy of the same rule (0017).
 */
function planNext(s: DueRow, now: Date): string | null {
  try {
    return nextRunAt(
      { daysOfWeek: s.days_of_week.map(Number), timeOfDay: s.time_of_day, timezone: s.timezone },
      now,
    ).toISOString();
  } catch {
    return null;
  }
}

export interface ClaimedRun {
  id: string;
  lineId: string;
  accountId: string;
  attempt: number;
}

/** Claims up to `limit` due pending runs for dialling, atomically and disjointly across ticks. */
export async function claimDueRuns(db: Database, now: Date, limit: number): Promise<ClaimedRun[]> {
  if (limit <= 0) return [];
  return db.sql<ClaimedRun[]>`
    update public.ultaura_schedule_runs r set state = 'dialling', claimed_at = ${now}
    from (
      select id from public.ultaura_schedule_runs
      where state = 'pending' and due_at <= ${now}
      order by due_at
      limit ${limit}
      for update skip locked
    ) as due
    where r.id = due.id
    returning r.id, r.line_id as "lineId", r.account_id as "accountId", r.attempt
  `;
}

/**
 * Gives back runs a tick claimed but never reached (it stopped before dialling them): no call session
 * was created for them, so dialling them again cannot ring anyone twice.
 */
export async function releaseStaleRuns(db: Database, now: Date, olderThanMs: number): Promise<number> {
  const rows = await db.sql`
    update public.ultaura_schedule_runs set state = 'pending', claimed_at = null
    where state = 'dialling' and call_session_id is null and claimed_at < ${new Date(now.getTime() - olderThanMs)}
    returning id
  `;
  return rows.length;
}

/** Due runs still waiting: what a tick leaves for the next one. */
export async function countDueRuns(db: Database, now: Date): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from public.ultaura_schedule_runs where state = 'pending' and due_at <= ${now}
  `;
  return row?.n ?? 0;
}

/**
 * Takes up to `want` tokens from the shared dial bucket (refilled at `perSecond`, holding one second's
 * worth). Overlapping ticks draw from the same row, so together they stay under Twilio's rate.
 */
export async function takeDialTokens(
  db: Database,
  want: number,
  perSecond: number,
  at: Date,
): Promise<number> {
  const [row] = await db.sql<{ granted: number }[]>`
    select public.ultaura_take_dial_tokens('twilio', ${want}, ${perSecond}, ${Math.max(1, perSecond)}, ${at}) as granted
  `;
  return row?.granted ?? 0;
}
