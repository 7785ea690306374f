import type { Tx } from "../../platform/db.ts";
import { copyFor } from "../copy/index.ts";
import type { Copy, Language } from "../copy/types.ts";
import type { NoticeKind } from "./kinds.ts";
import type { NotifyDeps } from "./notify.ts";
import { logSms, sendOnce } from "./sms.ts";

/**
 * Telling a line's trusted contacts (people outside the account) by text, once per (account, kind,
 * subject) — the same key as members' notices, so a duplicated tick sends nothing twice. Who is told is the
 * caller's query (each kind has its own opt-in); numbers that replied STOP to the kind are skipped.
 */
export interface ContactNotice {
  accountId: string;
  lineId: string;
  kind: NoticeKind;
  subject: string;
  /** The line's language: contacts read the words the person's family chose for the line. */
  language: Language;
  text: (copy: Copy) => string;
}

export interface ContactRecipient {
  id: string;
  phone: string;
}

/**
 * The contacts of a line who agreed to texts: enabled, opted in, and the newest consent row a yes for the
 * contact's current number (0028) — the same evidence safety texts need.
 */
export const CONSENTED_CONTACT = `t.enabled and t.alerts_opted_in_at is not null
  and coalesce((
    select c.granted and c.phone_e164 = t.phone_e164 from public.ultaura_consents c
    where c.trusted_contact_id = t.id and c.kind = 'trusted_contact_alerts'
    order by c.created_at desc, c.id desc limit 1), false)`;

export type ContactOutcome = { kind: "notified"; texted: number; failed: number } | { kind: "duplicate" };

export async function notifyContacts(
  deps: NotifyDeps,
  notice: ContactNotice,
  recipients: (tx: Tx) => Promise<ContactRecipient[]>,
): Promise<ContactOutcome> {
  const decided = await deps.db.asService(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into public.ultaura_notifications (account_id, kind, subject_key, line_id)
      values (${notice.accountId}, ${notice.kind}, ${notice.subject}, ${notice.lineId})
      on conflict (account_id, kind, subject_key) do nothing
      returning id`;
    if (!row) return null;
    const all = await recipients(tx);
    const out = await tx<{ phone: string }[]>`
      select phone_e164 as phone from public.ultaura_sms_opt_outs
      where kind = ${notice.kind} and phone_e164 = any(${all.map((r) => r.phone)}::text[])`;
    const stopped = new Set(out.map((r) => r.phone));
    return all.filter((r) => !stopped.has(r.phone));
  });
  if (!decided) return { kind: "duplicate" };
  const copy = copyFor(notice.language);
  const body = `${notice.text(copy)} ${copy.careCircle.stopHint}`;
  let texted = 0;
  let failed = 0;
  for (const recipient of decided) {
    try {
      await sendOnce(deps.sms, recipient.phone, body);
      texted++;
      await deps.db.asService((tx) => logSms(tx, recipient.phone, notice.kind));
    } catch (error) {
      failed++;
      deps.log.error("contact notice not texted", {
        contactId: recipient.id,
        kind: notice.kind,
        error: String(error),
      });
    }
  }
  deps.log.info("contacts notified", { kind: notice.kind, lineId: notice.lineId, texted, failed });
  return { kind: "notified", texted, failed };
}
