import { copyFor } from "../../_shared/domain/copy/index.ts";
import { notifyMembers } from "../../_shared/domain/notifications/notify.ts";
import { type SmsSender, sendOnce } from "../../_shared/domain/notifications/sms.ts";
import type { Database } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import type { PromptLanguage } from "../prompt/local-time.ts";

export interface AlertRecipient {
  id: string;
  name: string;
  phone: string;
}

/**
 * The text a trusted contact receives, from the copy module (`sms.safetyAlert`). Deliberately generic: the
 * person's name and what to do, never what was said, the model's signals or any memory.
 */
export function safetyAlertText(personName: string, language: PromptLanguage): string {
  return copyFor(language).sms.safetyAlert(personName);
}

/** Texts every recipient; one failure does not stop the others. Returns how many were sent. */
export async function sendSafetyAlerts(
  sms: SmsSender,
  recipients: readonly AlertRecipient[],
  text: string,
  log: Logger,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const recipient of recipients) {
    try {
      await sendOnce(sms, recipient.phone, text);
      sent++;
    } catch (error) {
      failed++;
      log.error("safety alert not sent", { contactId: recipient.id, error: String(error) });
    }
  }
  return { sent, failed };
}

/**
 * Tells the account's members who asked for safety notices that a call raised a high or emergency concern:
 * once per call and tier, in each member's language, never what was said.
 */
export async function tellMembers(
  deps: { db: Database; sms: SmsSender; log: Logger },
  session: { id: string; accountId: string; lineId: string },
  tier: "high" | "emergency",
  personName: string,
): Promise<void> {
  await notifyMembers(deps, {
    accountId: session.accountId,
    lineId: session.lineId,
    kind: "safety",
    subject: `call:${session.id}:${tier}`,
    text: (copy) => copy.careCircle.safetyNotice(personName),
  });
}
