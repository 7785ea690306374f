import type { Tx } from "../../_shared/platform/db.ts";
import { refuse } from "../refusals.ts";
import type { LineRow } from "./lines.ts";

/**
 * A line's planned pauses (0038): dated ranges, in the line's own zone, when the scheduler rings nobody and
 * no missed-call notice is raised. Members of the line's account read, add and remove them (RLS).
 */
interface PauseRow {
  id: string;
  line_id: string;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_at: Date;
}

const COLUMNS = "id, line_id, starts_on::text as starts_on, ends_on::text as ends_on, note, created_at";

export function pauseJson(row: PauseRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    note: row.note,
    createdAt: row.created_at.toISOString(),
  };
}

/** The line's pauses that have not ended yet (today in the line's zone included), soonest first. */
export async function listPauses(tx: Tx, line: LineRow, now: Date): Promise<PauseRow[]> {
  return tx<PauseRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_line_pauses
    where line_id = ${line.id} and ends_on >= (${now}::timestamptz at time zone ${line.timezone})::date
    order by starts_on, id`;
}

export async function createPause(
  tx: Tx,
  userId: string,
  line: LineRow,
  fields: { startsOn: string; endsOn: string; note?: string | undefined },
): Promise<PauseRow> {
  const [row] = await tx<PauseRow[]>`
    insert into public.ultaura_line_pauses (account_id, line_id, starts_on, ends_on, note, created_by)
    values (${line.account_id}, ${line.id}, ${fields.startsOn}, ${fields.endsOn}, ${fields.note ?? null}, ${userId})
    returning ${tx.unsafe(COLUMNS)}`;
  if (!row) throw new Error("pause insert returned nothing");
  return row;
}

export async function deletePause(tx: Tx, pauseId: string): Promise<void> {
  const rows = await tx`delete from public.ultaura_line_pauses where id = ${pauseId} returning id`;
  if (rows.length === 0) refuse({ code: "not_found", thing: "pause" });
}
