import type { Tx } from "../../_shared/platform/db.ts";

/** A line's notices (migration 0026), read as the caller: RLS shows only their accounts' lines. */
interface NoticeRow {
  id: string;
  line_id: string;
  kind: "number_changed";
  old_phone_e164: string | null;
  new_phone_e164: string | null;
  changed_by_user_id: string | null;
  created_at: Date;
}

/** A page of the line's notices, newest first, keyset paged on (created_at, id). */
export function lineNotices(
  tx: Tx,
  lineId: string,
  page: { after: { at: string; id: string } | null; limit: number },
): Promise<(NoticeRow & { cursor_at: string })[]> {
  return tx<(NoticeRow & { cursor_at: string })[]>`
    select id, line_id, kind, old_phone_e164, new_phone_e164, changed_by_user_id, created_at,
      created_at::text as cursor_at
    from public.ultaura_line_notices where line_id = ${lineId}
      ${page.after ? tx`and (created_at, id) < (${page.after.at}::text::timestamptz, ${page.after.id}::uuid)` : tx``}
    order by created_at desc, id desc
    limit ${page.limit + 1}`;
}

export function noticeJson(row: NoticeRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    kind: row.kind,
    oldPhone: row.old_phone_e164,
    newPhone: row.new_phone_e164,
    changedByUserId: row.changed_by_user_id,
    createdAt: row.created_at.toISOString(),
  };
}
