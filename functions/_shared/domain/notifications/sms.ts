import type { Tx } from "../../platform/db.ts";
import { TwilioApiError, type TwilioRest, twilioRefusedTransiently } from "../../platform/twilio-rest.ts";
import type { NoticeKind } from "./kinds.ts";

/** Sends one text message; Twilio's Messages API in production, the Twilio simulator locally. */
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

/**
 * A send Twilio surely did not accept (rate limited, unavailable, or no answer at all) is tried once more; after any other
 * failure the text may exist, and a second try could reach the person twice. Twilio's 21610 (the number
 * replied STOP to our sender) is final too.
 */
function safeToRetry(error: unknown): boolean {
  return !(error instanceof TwilioApiError) || twilioRefusedTransiently(error);
}

/** Sends one text, retrying once when that cannot double it. Throws when it was not sent. */
export async function sendOnce(sms: SmsSender, to: string, body: string): Promise<void> {
  await sms.send(to, body).catch((error: unknown) => {
    if (!safeToRetry(error)) throw error;
    return sms.send(to, body);
  });
}

/** Whether `phone` replied STOP to texts of `kind` (and has not said START since). */
export async function smsOptedOut(tx: Tx, phone: string, kind: NoticeKind): Promise<boolean> {
  const [row] = await tx<{ out: boolean }[]>`
    select exists (select 1 from public.ultaura_sms_opt_outs where phone_e164 = ${phone} and kind = ${kind}) as out`;
  return row?.out ?? false;
}

/** Records that a text of `kind` went to `phone`: a STOP in reply stops that kind. */
export async function logSms(tx: Tx, phone: string, kind: NoticeKind): Promise<void> {
  await tx`insert into public.ultaura_sms_log (phone_e164, kind) values (${phone}, ${kind})`;
}
