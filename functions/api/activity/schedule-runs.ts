import { ok } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

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
  return (await selectRuns(tx, { ...options, limit: Math.min(Math.max(options.limit, 1), 200) })).map(
    runView,
  );
}

/**
 * One page of `listScheduleRuns` for the family API, keyset-paged on (occurrence_at, attempt, id) so new
 * runs never shift a page. The cursor (functions/api/activity/cursor.ts) carries the last row's
 * occurrence and id; its attempt is read back from that row. If that row has gone (its schedule was
 * deleted, and with it all of the schedule's runs), the next page starts at the following occurrence.
 */
export async function pageScheduleRuns(
  tx: Tx,
  options: { lineId?: string; cursor?: string; limit: number },
): Promise<ApiOutcome<{ items: ScheduleRunView[]; nextCursor: string | null }>> {
  const decoded = decodeCursor(options.cursor);
  if (!decoded.ok) return decoded;
  const after = decoded.value;
  const rows = await selectRuns(tx, {
    limit: options.limit + 1,
    ...(options.lineId ? { lineId: options.lineId } : {}),
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return ok({
    items: page.map(runView),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  });
}

function selectRuns(tx: Tx, options: { lineId?: string; after?: { at: string; id: string }; limit: number }) {
  const { lineId, after } = options;
  return tx<(RunRow & { cursor_at: string })[]>`
    select id, schedule_id, line_id, occurrence_at, attempt, state, outcome, result::text as result,
           call_session_id, due_at, occurrence_at::text as cursor_at
    from public.ultaura_schedule_runs r
    where true
      ${lineId ? tx`and r.line_id = ${lineId}` : tx``}
      ${
        after
          ? tx`and (r.occurrence_at, r.attempt, r.id) < (
                 ${after.at}::text::timestamptz,
                 coalesce((select c.attempt from public.ultaura_schedule_runs c where c.id = ${after.id}::uuid), -1),
                 ${after.id}::uuid)`
          : tx``
      }
    order by r.occurrence_at desc, r.attempt desc, r.id desc
    limit ${options.limit}
  `;
}

function runView(r: RunRow): ScheduleRunView {
  return {
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
  };
}
