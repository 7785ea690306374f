import type { TwilioRest } from "../adapters/twilio-rest.ts";
import type { Logger } from "../log.ts";
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
 * The text a trusted contact receives. Deliberately generic: the person's name and what to do, never
 * what was said, the model's signals or any memory — private things stay private even in a crisis.
 */
export function safetyAlertText(personName: string, language: PromptLanguage): string {
  return language === "es"
    ? `Ultaura, alerta de seguridad: en una llamada de ahora mismo, ${personName} dijo algo que indica que ` +
        "podría necesitar ayuda. Le dimos la información del 988 y el 911. Por favor, comuníquese con " +
        `${personName} lo antes posible. Este número no recibe respuestas.`
    : `Ultaura safety alert: on a call just now, ${personName} said something that suggests they may need ` +
        `support. We shared the 988 and 911 crisis guidance with them. Please check on ${personName} as soon ` +
        "as you can. Replies to this number are not monitored.";
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
      await sms.send(recipient.phone, text);
      sent++;
    } catch (error) {
      failed++;
      log.error("safety alert not sent", { contactId: recipient.id, error: String(error) });
    }
  }
  return { sent, failed };
}
