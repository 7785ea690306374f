import type { Sql } from "../../functions/_shared/platform/db.ts";
import { phoneNumber } from "./phone-numbers.ts";

/**
 * People around a line for the care-circle tests (issue 22): a family member of the line's account with a
 * verified phone and the kinds of notice they asked for; a trusted contact who agreed to texts (with the
 * consent row the texts need, 0028). Each returns the person's fresh phone number.
 */
export async function addNotifiedMember(
  sql: Sql,
  lineId: string,
  kinds: string[],
  language: "en" | "es" = "en",
): Promise<string> {
  const phone = phoneNumber();
  await sql`
    with u as (insert into auth.users (id, email) values (gen_random_uuid(), ${`${crypto.randomUUID()}@example.test`})
      returning id),
    m as (insert into public.ultaura_account_members (account_id, user_id, role)
      select l.account_id, u.id, 'member' from u, public.ultaura_lines l where l.id = ${lineId})
    insert into public.ultaura_member_notification_settings (user_id, phone_e164, language, kinds)
    select id, ${phone}, ${language}, ${kinds}::text[] from u`;
  await sql`update public.ultaura_member_notification_settings set phone_verified_at = now()
    where phone_e164 = ${phone}`;
  return phone;
}

export async function addAgreedContact(
  sql: Sql,
  lineId: string,
  choice: { alertsFrom?: "low" | "medium" | "high" | "emergency"; missedCalls?: boolean } = {},
): Promise<string> {
  const phone = phoneNumber();
  await sql`
    with u as (insert into auth.users (id, email) values (gen_random_uuid(), ${`${crypto.randomUUID()}@example.test`})
      returning id),
    t as (
      insert into public.ultaura_trusted_contacts
        (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at, notify_missed_calls)
      select account_id, id, 'Dan', ${phone}, ${[choice.alertsFrom ?? "high"]}::public.ultaura_safety_tier[], now(),
        ${choice.missedCalls ?? false}
      from public.ultaura_lines where id = ${lineId}
      returning id, account_id, line_id)
    insert into public.ultaura_consents
      (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id, phone_e164, note)
    select t.account_id, t.line_id, 'trusted_contact_alerts', true, 'web', u.id, t.id, ${phone}, 'agreed' from t, u`;
  return phone;
}
