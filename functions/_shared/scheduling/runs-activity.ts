import type { Tx } from "../adapters/db.ts";

/** One attempt to phone a line on schedule, as the family sees it. */
export interface ScheduleRunView {
  id: string;
  scheduleId: string;
  lineId: string;
  /** The regular slot this attempt belongs to. */
  occurrenceAt: string;
  /** 0 for the regular call, 1.. for retries. */
  attempt: number;
  /** pending → dialling → placed → done. */
  state: "pending" | "dialling" | "placed" | "done";
  /** reached | retrying | missed (after the last retry) | skipped (never rung: see `reason`). */
  outcome: "reached" | "retrying" | "missed" | "skipped" | null;
  /** How the attempt ended or why it was not placed (e.g. no_answer, skipped_quiet_hours, skipped_opt_out). */
  reason: string | null;
  callSessionId: string | null;
  dueAt: string;
}

interface RunRow {
  id: string;
  schedule_id: string;
  line_id: string;
  occurrence_at: Date;
  attempt: number;
  state: ScheduleRunView["state"];
  outcome: ScheduleRunView["outcome"];
  result: string | null;
  call_session_id: string | null;
  due_at: Date;
}

/**
 * The schedule runs of the accounts' lines, newest first — why a scheduled call did or did not happen
 * ("missed", "skipped: quiet hours"). Run it as the member (RLS shows only their accounts' runs).
 */
export async function listScheduleRuns(
  tx: Tx,
  options: { lineId?: string; limit: number },
): Promise<ScheduleRunView[]> {
  const rows = await tx<RunRow[]>`
    select id, schedule_id, line_id, occurrence_at, attempt, state, outcome, result::text as result,
           call_session_id, due_at
    from public.ultaura_schedule_runs
    ${options.lineId ? tx`where line_id = ${options.lineId}` : tx``}
    order by occurrence_at desc, attempt desc
    limit ${Math.min(Math.max(options.limit, 1), 200)}
  `;
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    lineId: r.line_id,
    occurrenceAt: r.occurrence_at.toISOString(),
    attempt: r.attempt,
    state: r.state,
    outcome: r.outcome,
    reason: r.result,
    callSessionId: r.call_session_id,
    dueAt: r.due_at.toISOString(),
  }));
}
