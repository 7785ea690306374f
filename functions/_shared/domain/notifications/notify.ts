import type { Database } from "../../platform/db.ts";
import type { Logger } from "../../platform/log.ts";
import { copyFor } from "../copy/index.ts";
import type { Copy, Language } from "../copy/types.ts";
import type { NoticeKind } from "./kinds.ts";
import { logSms, type SmsSender, sendOnce } from "./sms.ts";

/**
 * Telling an account's family members something that happened (issue 22): a missed call, the weekly
 * digest, a missed reminder… Each member who asked for the notice's kind gets one in-app alert and, when
 * they have a verified phone and did not reply STOP to that kind, one text — exactly once per
 * (account, kind, subject), however often the caller asks (a duplicated tick or status callback).
 *
 * Usage (the reminders of issue 24, say):
 *
 *   await notifyMembers(deps, {
 *     accountId, lineId, kind: "reminders", subject: `reminder:${reminderId}:${dueAtIso}`,
 *     text: (copy) => copy.reminders.missed(personName, localTime),
 *   });
 */
export interface NotifyDeps {
  db: Database;
  sms: SmsSender;
  log: Logger;
}

export interface Notice {
  accountId: string;
  kind: NoticeKind;
  /**
   * What the notice is about, unique within the account and kind (≤ 200 characters), e.g. `run:<id>` or
   * `week:2026-12-07`. A second notice with the same key sends nothing.
   */
  subject: string;
  /** The line it concerns, shown with the in-app alert; null for account-wide notices. */
  lineId?: string | null;
  /** The words, in each member's language (the copy module's sentences only). */
  text: (copy: Copy) => string;
}

export type NotifyOutcome =
  /** Decided now: how many members got the in-app alert, and what became of their texts. */
  | { kind: "notified"; notificationId: string; members: number; texted: number; failed: number }
  /** This (account, kind, subject) was notified before: nothing was sent. */
  | { kind: "duplicate" };

interface Recipient {
  alertId: string;
  userId: string;
  phone: string | null;
  body: string;
}

/**
 * Decides the notice once (the unique key), writes every asking member's alert in the same transaction,
 * then texts them after the commit — a text is never sent for a notice that was rolled back, and a crash
 * between commit and send loses a text rather than doubling one.
 */
export async function notifyMembers(deps: NotifyDeps, notice: Notice): Promise<NotifyOutcome> {
  const decided = await deps.db.asService(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into public.ultaura_notifications (account_id, kind, subject_key, line_id)
      values (${notice.accountId}, ${notice.kind}, ${notice.subject}, ${notice.lineId ?? null})
      on conflict (account_id, kind, subject_key) do nothing
      returning id`;
    if (!row) return null;
    const members = await tx<{ userId: string; language: Language; phone: string | null; out: boolean }[]>`
      select s.user_id as "userId", s.language,
        case when s.phone_verified_at is not null then s.phone_e164 end as phone,
        exists (select 1 from public.ultaura_sms_opt_outs o
          where o.phone_e164 = s.phone_e164 and o.kind = ${notice.kind}) as out
      from public.ultaura_account_members m
      join public.ultaura_member_notification_settings s on s.user_id = m.user_id
      where m.account_id = ${notice.accountId} and ${notice.kind} = any(s.kinds)
      order by m.created_at, m.user_id`;
    const recipients: Recipient[] = [];
    for (const member of members) {
      const copy = copyFor(member.language);
      const body = notice.text(copy);
      const sms = member.phone === null ? "none" : member.out ? "opted_out" : "pending";
      const [alert] = await tx<{ id: string }[]>`
        insert into public.ultaura_member_alerts (notification_id, account_id, user_id, kind, line_id, body, sms)
        values (${row.id}, ${notice.accountId}, ${member.userId}, ${notice.kind}, ${notice.lineId ?? null},
          ${body}, ${sms})
        returning id`;
      if (!alert) throw new Error("member alert insert returned nothing");
      recipients.push({
        alertId: alert.id,
        userId: member.userId,
        phone: sms === "pending" ? member.phone : null,
        body: `${body} ${copy.careCircle.stopHint}`,
      });
    }
    return { id: row.id, recipients };
  });
  if (!decided) return { kind: "duplicate" };

  let texted = 0;
  let failed = 0;
  for (const recipient of decided.recipients) {
    if (recipient.phone === null) continue;
    const phone = recipient.phone;
    try {
      await sendOnce(deps.sms, phone, recipient.body);
      texted++;
      await deps.db.asService(async (tx) => {
        await tx`update public.ultaura_member_alerts set sms = 'sent' where id = ${recipient.alertId}`;
        await logSms(tx, phone, notice.kind);
      });
    } catch (error) {
      failed++;
      await deps.db.asService(
        (tx) => tx`update public.ultaura_member_alerts set sms = 'failed' where id = ${recipient.alertId}`,
      );
      deps.log.error("member notice not texted", {
        notificationId: decided.id,
        userId: recipient.userId,
        kind: notice.kind,
        error: String(error),
      });
    }
  }
  deps.log.info("members notified", {
    notificationId: decided.id,
    kind: notice.kind,
    members: decided.recipients.length,
    texted,
    failed,
  });
  return { kind: "notified", notificationId: decided.id, members: decided.recipients.length, texted, failed };
}
