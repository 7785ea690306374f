import { copyFor, languageOf } from "../../_shared/domain/copy/index.ts";
import type { ApiServices } from "../env.ts";
import type { LineRow } from "./lines.ts";

/**
 * After a line's number changed (owner-only, recorded as a notice by migration 0026): texts the line's
 * trusted contacts who agreed to texts about the person, at their own numbers, so a relative cannot
 * repoint the line quietly. One failed text does not stop the others; none fails the request.
 */
export async function textNumberChange(services: ApiServices, line: LineRow): Promise<number> {
  const contacts = await services.db.asService(
    (tx) => tx<{ id: string; phone_e164: string }[]>`
      select id, phone_e164 from public.ultaura_trusted_contacts
      where line_id = ${line.id} and enabled and alerts_opted_in_at is not null
      order by created_at, id`,
  );
  const body = copyFor(languageOf(line.language)).sms.numberChanged(
    line.preferred_name ?? line.display_name,
    line.phone_e164.slice(-4),
  );
  let sent = 0;
  for (const contact of contacts) {
    try {
      await services.twilio.sendSms(contact.phone_e164, services.config.TWILIO_PHONE_NUMBER, body);
      sent += 1;
    } catch (error) {
      services.log.error("number change text failed", {
        contactId: contact.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return sent;
}
