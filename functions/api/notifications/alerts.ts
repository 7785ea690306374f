import type { NoticeKind } from "../../_shared/domain/notifications/kinds.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { refuse } from "../refusals.ts";

/** The member's in-app alerts (0038): their own, in accounts they still belong to (RLS), newest first. */
interface AlertRow {
  id: string;
  account_id: string;
  kind: NoticeKind;
  line_id: string | null;
  body: string;
  sms: "none" | "pending" | "sent" | "failed" | "opted_out";
  read_at: Date | null;
  created_at: Date;
}

const PAGE = 50;

export async function listAlerts(tx: Tx, userId: string) {
  const [rows, [count]] = await Promise.all([
    tx<AlertRow[]>`
      select id, account_id, kind, line_id, body, sms, read_at, created_at from public.ultaura_member_alerts
      where user_id = ${userId} order by created_at desc, id desc limit ${PAGE}`,
    tx<{ n: number }[]>`
      select count(*)::int as n from public.ultaura_member_alerts where user_id = ${userId} and read_at is null`,
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      kind: row.kind,
      lineId: row.line_id,
      body: row.body,
      sms: row.sms,
      readAt: row.read_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    })),
    unread: count?.n ?? 0,
  };
}

/** Marks one of the member's alerts read; another's (or none) is "no such alert". */
export async function markAlertRead(tx: Tx, userId: string, alertId: string, now: Date): Promise<void> {
  const rows = await tx`
    update public.ultaura_member_alerts set read_at = coalesce(read_at, ${now})
    where id = ${alertId} and user_id = ${userId} returning id`;
  if (rows.length === 0) refuse({ code: "not_found", thing: "alert" });
}
