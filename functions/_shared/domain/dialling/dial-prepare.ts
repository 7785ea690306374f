import type { Tx } from "../../platform/db.ts";
import type { CallingHours } from "../scheduling/calling-hours.ts";
import {
  type DialDecision,
  type DialLine,
  type DialPolicy,
  type DialSkipReason,
  decideDial,
} from "./dial-decision.ts";

/** One call to place: the line, and the scheduler's run when it comes from a schedule. */
export interface DialRequest {
  lineId: string;
  /** When given, the line must belong to this account (the family API's test call). */
  accountId?: string;
  /** The scheduler's run being dialled; refusals and the call are recorded on it. */
  runId?: string;
  /** A family member's test call from the dashboard. */
  isTest?: boolean;
  /** Ring even in the line's quiet hours, never outside the calling-hours floor (the owner's test calls only). */
  ignoreQuietHours?: boolean;
  /**
   * A reminder's occurrence the scheduler claimed (issue 24): the call is linked to it in this transaction,
   * before Twilio can ask what to say; a refusal settles it (skipped, or missed after an attempt).
   */
  reminderOccurrenceId?: string;
}

export type Prepared =
  | { kind: "not_found" }
  | { kind: "skipped"; reason: DialSkipReason }
  | { kind: "deferred"; until: Date }
  | { kind: "call"; callSessionId: string; to: string };

interface RunRow {
  id: string;
  scheduleId: string;
  attempt: number;
  nextRunAt: Date | null;
}

type LineRow = Omit<DialLine, "quietHours" | "overageCapReached"> & {
  qhStart: string | null;
  qhEnd: string | null;
  hasSpendingCap: boolean;
};

/**
 * Decides every target in one transaction and writes what follows: refusals on their runs, deferred
 * retries back to pending, and a call session per call to place (linked to its run). Set-based, so a tick
 * prepares hundreds of calls in a handful of statements.
 */
export async function prepareDials(
  tx: Tx,
  targets: readonly DialRequest[],
  options: {
    now: Date;
    fromNumber: string;
    callingHours: CallingHours;
    overageCapReached?: (tx: Tx, accountId: string) => Promise<boolean>;
  },
): Promise<Prepared[]> {
  const lines = await loadLines(tx, [...new Set(targets.map((t) => t.lineId))], options.now);
  const runIds = targets.flatMap((t) => (t.runId ? [t.runId] : []));
  const runs = runIds.length > 0 ? await loadRuns(tx, runIds) : new Map<string, RunRow>();
  const capped = new Map<string, boolean>();
  // Only an account with a spending cap can have reached it.
  const cappable = [...lines.values()].filter((l) => l.hasSpendingCap).map((l) => l.accountId);
  for (const accountId of new Set(cappable)) {
    capped.set(accountId, (await options.overageCapReached?.(tx, accountId)) ?? false);
  }

  const settle: { id: string; schedule_id: string; result: DialSkipReason; outcome: string }[] = [];
  const defer: { id: string; due_at: string }[] = [];
  const sessions: Record<string, unknown>[] = [];
  const placedRuns: { id: string; schedule_id: string; session_id: string }[] = [];
  const reminders: { id: string; session_id: string | null; result: string | null }[] = [];

  const results = targets.map((target): Prepared => {
    const line = lines.get(target.lineId);
    const run = target.runId ? runs.get(target.runId) : undefined;
    if (!line || (target.accountId && target.accountId !== line.accountId)) return { kind: "not_found" };
    // A run another tick has settled or given back is not this dial's to place.
    if (target.runId && !run) return { kind: "not_found" };
    const decision = decideSafely(
      { ...line, overageCapReached: capped.get(line.accountId) ?? false },
      options.now,
      {
        callingHours: options.callingHours,
        ignoreQuietHours: target.ignoreQuietHours === true,
        deferInQuietHours: (run?.attempt ?? 0) > 0,
      },
    );
    if (decision.kind === "defer") {
      if (run && (run.nextRunAt === null || decision.until < run.nextRunAt)) {
        defer.push({ id: run.id, due_at: decision.until.toISOString() });
        return { kind: "deferred", until: decision.until };
      }
      // The quiet hours last past the next regular call: this occurrence is missed.
      if (run)
        settle.push({
          id: run.id,
          schedule_id: run.scheduleId,
          result: "skipped_quiet_hours",
          outcome: "missed",
        });
      return { kind: "skipped", reason: "skipped_quiet_hours" };
    }
    if (decision.kind === "skip") {
      if (target.reminderOccurrenceId)
        reminders.push({ id: target.reminderOccurrenceId, session_id: null, result: decision.reason });
      if (run)
        settle.push({ id: run.id, schedule_id: run.scheduleId, result: decision.reason, outcome: "skipped" });
      return { kind: "skipped", reason: decision.reason };
    }
    const callSessionId = crypto.randomUUID();
    sessions.push({
      id: callSessionId,
      account_id: line.accountId,
      line_id: line.lineId,
      to_e164: line.phoneE164,
      schedule_id: run?.scheduleId ?? null,
      is_test: target.isTest === true,
    });
    if (run) placedRuns.push({ id: run.id, schedule_id: run.scheduleId, session_id: callSessionId });
    if (target.reminderOccurrenceId)
      reminders.push({ id: target.reminderOccurrenceId, session_id: callSessionId, result: null });
    return { kind: "call", callSessionId, to: line.phoneE164 };
  });

  await writeOutcomes(tx, options, { settle, defer, sessions, placedRuns });
  if (reminders.length > 0) await linkReminderCalls(tx, reminders);
  return results;
}

/**
 * A zone Postgres accepts but Intl cannot read (e.g. "+05:30") leaves the line's local time unknown: the call
 * is refused as if in quiet hours rather than risk ringing at night, and one bad row never fails a batch.
 */
function decideSafely(line: DialLine, now: Date, policy: DialPolicy): DialDecision {
  try {
    return decideDial(line, now, policy);
  } catch {
    return { kind: "skip", reason: "skipped_quiet_hours" };
  }
}

async function writeOutcomes(
  tx: Tx,
  options: { now: Date; fromNumber: string },
  writes: {
    settle: { id: string; schedule_id: string; result: DialSkipReason; outcome: string }[];
    defer: { id: string; due_at: string }[];
    sessions: Record<string, unknown>[];
    placedRuns: { id: string; schedule_id: string; session_id: string }[];
  },
): Promise<void> {
  if (writes.settle.length > 0) {
    const rows = tx.json(writes.settle);
    await tx`
      update public.ultaura_schedule_runs r set state = 'done', result = p.result::public.ultaura_schedule_result,
        outcome = p.outcome
      from jsonb_to_recordset(${rows}) as p(id uuid, result text, outcome text) where r.id = p.id`;
    await tx`
      update public.ultaura_schedules s set last_result = p.result::public.ultaura_schedule_result,
        last_run_at = ${options.now}, retry_count = 0
      from jsonb_to_recordset(${rows}) as p(schedule_id uuid, result text) where s.id = p.schedule_id`;
  }
  if (writes.defer.length > 0) {
    await tx`
      update public.ultaura_schedule_runs r set state = 'pending', due_at = p.due_at, claimed_at = null
      from jsonb_to_recordset(${tx.json(writes.defer)}) as p(id uuid, due_at timestamptz) where r.id = p.id`;
  }
  if (writes.sessions.length > 0) {
    await tx`
      insert into public.ultaura_call_sessions
        (id, account_id, line_id, direction, status, from_e164, to_e164, schedule_id, is_test)
      select p.id, p.account_id, p.line_id, 'outbound', 'created', ${options.fromNumber}, p.to_e164, p.schedule_id, p.is_test
      from jsonb_to_recordset(${tx.json(writes.sessions as never)})
        as p(id uuid, account_id uuid, line_id uuid, to_e164 text, schedule_id uuid, is_test boolean)`;
  }
  if (writes.placedRuns.length > 0) {
    await tx`
      update public.ultaura_schedule_runs r set state = 'placed', call_session_id = p.session_id
      from jsonb_to_recordset(${tx.json(writes.placedRuns)}) as p(id uuid, session_id uuid) where r.id = p.id`;
  }
}

/**
 * A placed reminder call is linked to its occurrence (`calling`, one more attempt); a refused one is
 * settled: skipped when nothing was tried yet, missed when earlier attempts went unacknowledged.
 */
async function linkReminderCalls(
  tx: Tx,
  rows: { id: string; session_id: string | null; result: string | null }[],
): Promise<void> {
  await tx`
    update public.ultaura_reminder_occurrences o set
      state = case when p.session_id is not null then 'calling' when o.attempts > 0 then 'missed' else 'skipped' end,
      call_session_id = coalesce(p.session_id, o.call_session_id),
      attempts = o.attempts + case when p.session_id is not null then 1 else 0 end,
      result = p.result
    from jsonb_to_recordset(${tx.json(rows)}) as p(id uuid, session_id uuid, result text)
    where o.id = p.id and o.state = 'dialling'`;
}

async function loadLines(
  tx: Tx,
  lineIds: string[],
  now: Date,
): Promise<Map<string, Omit<DialLine, "overageCapReached"> & { hasSpendingCap: boolean }>> {
  const rows = await tx<LineRow[]>`
    select l.id as "lineId", l.account_id as "accountId", l.phone_e164 as "phoneE164",
           l.phone_verified_at is not null as verified, l.status as "lineStatus", public.ultaura_line_within_plan(l.id) as "withinPlan", public.ultaura_line_paused(l.id, ${now}) as paused, (l.do_not_call or public.ultaura_opted_out(l.id, l.phone_e164)) as "doNotCall",
           l.timezone, l.quiet_hours_start::text as "qhStart", l.quiet_hours_end::text as "qhEnd",
           u.status as "accountStatus", u.plan_kind as "planKind", u.minutes_remaining as "minutesRemaining",
           a.spending_cap_cents is not null as "hasSpendingCap"
    from public.ultaura_lines l
    join public.ultaura_account_usage u on u.account_id = l.account_id
    join public.ultaura_accounts a on a.id = l.account_id
    where l.id in (select value::uuid from jsonb_array_elements_text(${tx.json(lineIds)}))
  `;
  return new Map(
    rows.map(({ qhStart, qhEnd, ...line }) => [
      line.lineId,
      { ...line, quietHours: qhStart && qhEnd ? { start: qhStart, end: qhEnd } : null },
    ]),
  );
}

async function loadRuns(tx: Tx, runIds: string[]): Promise<Map<string, RunRow>> {
  const rows = await tx<RunRow[]>`
    select r.id, r.schedule_id as "scheduleId", r.attempt, s.next_run_at as "nextRunAt"
    from public.ultaura_schedule_runs r join public.ultaura_schedules s on s.id = r.schedule_id
    where r.id in (select value::uuid from jsonb_array_elements_text(${tx.json(runIds)})) and r.state = 'dialling'
    for update of r
  `;
  return new Map(rows.map((r) => [r.id, r]));
}
