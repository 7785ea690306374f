import { ok, refused } from "../../_shared/domain/outcome.ts";
import { callerTrusted } from "../../_shared/domain/sessions/caller-trust.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import type { CallOutcome, CallStatus } from "../schemas.ts";
import { decodeCursor, keysetPage } from "./cursor.ts";

/**
 * Call activity as the family sees it (RLS: members of the call's account), newest first, paged by a
 * keyset cursor on (created_at, id) so new calls never shift a page.
 */
interface CallRow {
  id: string;
  line_id: string | null;
  direction: "inbound" | "outbound";
  status: CallStatus;
  answered_by: string | null;
  is_test: boolean;
  created_at: Date;
  started_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  seconds_connected: number | null;
  end_reason: string | null;
  billable_minutes: number | null;
  caller_trust: string;
}

const COLUMNS = `s.id, s.line_id, s.direction, s.status, s.answered_by, s.is_test, s.created_at, s.started_at,
  s.answered_at, s.ended_at, s.seconds_connected, s.end_reason, s.caller_trust, l.billable_minutes`;
const LEDGER = "left join public.ultaura_minute_ledger l on l.call_session_id = s.id";

/**
 * A page is cut from the sessions alone, each account's read in index order up to the LIMIT (a lateral
 * per account: PG15 cannot read an index in order under a multi-value `= any`), and only the page's rows
 * are joined to the ledger. The caller's accounts come from the same helper RLS uses, once per statement.
 */
export async function listCalls(tx: Tx, options: { lineId?: string; cursor?: string; limit: number }) {
  const decoded = decodeCursor(options.cursor);
  if (!decoded.ok) return decoded;
  const after = decoded.value;
  const before = after
    ? tx`and (s.created_at, s.id) < (${after.at}::text::timestamptz, ${after.id}::uuid)`
    : tx``;
  const page = options.lineId
    ? tx`select s.* from public.ultaura_call_sessions s
        where s.line_id = ${options.lineId} ${before}
        order by s.created_at desc, s.id desc
        limit ${options.limit + 1}`
    : tx`select p.* from unnest((select public.ultaura_my_account_ids())) as mine(account_id)
        cross join lateral (
          select s.* from public.ultaura_call_sessions s
          where s.account_id = mine.account_id ${before}
          order by s.created_at desc, s.id desc
          limit ${options.limit + 1}) p
        order by p.created_at desc, p.id desc
        limit ${options.limit + 1}`;
  const rows = await tx<(CallRow & { cursor_at: string })[]>`
    select ${tx.unsafe(COLUMNS)}, s.created_at::text as cursor_at
    from (${page}) s ${tx.unsafe(LEDGER)}
    order by s.created_at desc, s.id desc`;
  const { page: items, nextCursor } = keysetPage(rows, options.limit);
  return ok({ items: items.map(callJson), nextCursor });
}

export async function getCall(tx: Tx, id: string): Promise<ApiOutcome<ReturnType<typeof callJson>>> {
  const [row] = await tx<CallRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.ultaura_call_sessions s ${tx.unsafe(LEDGER)} where s.id = ${id}`;
  return row ? ok(callJson(row)) : refused({ code: "not_found", thing: "call" });
}

function outcomeOf(row: CallRow): CallOutcome {
  if (row.end_reason === "voicemail" || row.answered_by === "machine") return "voicemail";
  if (
    row.status === "no_answer" ||
    row.status === "busy" ||
    row.status === "failed" ||
    row.status === "canceled"
  )
    return row.status;
  if (row.status === "completed")
    return row.answered_at || (row.seconds_connected ?? 0) > 0 ? "answered" : "no_answer";
  return "in_progress";
}

function callJson(row: CallRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    direction: row.direction,
    status: row.status,
    outcome: outcomeOf(row),
    isTest: row.is_test,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    durationSeconds: row.seconds_connected,
    endReason: row.end_reason,
    billedMinutes: row.billable_minutes,
    // An inbound caller ID without STIR/SHAKEN A-attestation could be spoofed: that call was kept from
    // private memories and health notes, and the family is told so here.
    callerVerified: callerTrusted(row.direction, row.caller_trust),
  };
}
