import type { BillingNoticeKind } from "../_shared/domain/copy/types.ts";
import { type NotifyDeps, notifyMembers } from "../_shared/domain/notifications/notify.ts";
import type { PeriodicJob } from "./tick.ts";

/** Notices looked at per tick. */
const BATCH = 200;

/**
 * Billing notices (0018: minutes used, spending cap reached, a failed payment, a suspension, lines over the
 * plan) also reach the members who asked for billing notices (issue 22), by text and in-app alert, once per
 * notice (key `billing:<notice id>`). Only notices of the last two days: older ones were news before this.
 */
export function billingNotices(deps: NotifyDeps): PeriodicJob {
  return {
    name: "billing-notices",
    async run(now) {
      const notices = await deps.db.asService(
        (tx) => tx<{ id: string; accountId: string; kind: BillingNoticeKind }[]>`
          select b.id, b.account_id as "accountId", b.kind from public.ultaura_billing_notices b
          where b.created_at > ${now}::timestamptz - interval '2 days'
            and not exists (select 1 from public.ultaura_notifications n
              where n.account_id = b.account_id and n.kind = 'billing' and n.subject_key = 'billing:' || b.id)
          order by b.created_at limit ${BATCH}`,
      );
      for (const notice of notices)
        await notifyMembers(deps, {
          accountId: notice.accountId,
          kind: "billing",
          subject: `billing:${notice.id}`,
          text: (copy) => copy.careCircle.billingNotice[notice.kind],
        });
    },
  };
}
