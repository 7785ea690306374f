import { copyFor } from "../../_shared/domain/copy/index.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { TwilioApiError, type TwilioRest } from "../../_shared/platform/twilio-rest.ts";
import type { PromptLanguage } from "../prompt/local-time.ts";

/** Sends one text message; implemented by Twilio's REST API in production. */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

export function twilioSmsSender(twilio: Pick<TwilioRest, "sendSms">, from: string): SmsSender {
  return {
    send: async (to, body) => {
      await twilio.sendSms(to, from, body);
    },
  };
}

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

/**
 * A send Twilio surely did not accept (429, 503, or no answer at all) is tried once more; after any other
 * failure the text may exist, and a second try could reach the contact twice.
 */
function safeToRetry(error: unknown): boolean {
  return !(error instanceof TwilioApiError) || error.status === 429 || error.status === 503;
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
      await sms.send(recipient.phone, text).catch((error: unknown) => {
        if (!safeToRetry(error)) throw error;
        log.warn("safety alert retried", { contactId: recipient.id, error: String(error) });
        return sms.send(recipient.phone, text);
      });
      sent++;
    } catch (error) {
      failed++;
      log.error("safety alert not sent", { contactId: recipient.id, error: String(error) });
    }
  }
  return { sent, failed };
}
