import type { Tx } from "../../_shared/platform/db.ts";
import type { Keyset } from "../activity/cursor.ts";
import type { LineRow } from "../lines/lines.ts";
import { refuse } from "../refusals.ts";

/**
 * Trusted contacts, as the caller (RLS). A contact is texted about safety concerns only once the family
 * member confirms the contact agreed: that sets `alerts_opted_in_at` and appends a
 * `trusted_contact_alerts` consent in the member's name (the evidence the alert path checks).
 */
export interface ContactRow {
  id: string;
  account_id: string;
  line_id: string;
  name: string;
  phone_e164: string;
  relationship: string | null;
  notify_on: ("low" | "medium" | "high")[];
  alerts_opted_in_at: Date | null;
  enabled: boolean;
}

export interface ContactFields {
  name?: string;
  phone?: string;
  relationship?: string | null;
  notifyOn?: ("low" | "medium" | "high")[];
  contactAgreed?: boolean;
  enabled?: boolean;
}

const COLUMNS = `id, account_id, line_id, name, phone_e164, relationship, notify_on::text[] as notify_on,
  alerts_opted_in_at, enabled`;

/** A page of the line's trusted contacts, oldest first, keyset paged on (created_at, id) (their index). */
export function listContacts(
  tx: Tx,
  lineId: string,
  page: Keyset,
): Promise<(ContactRow & { cursor_at: string })[]> {
  return tx<(ContactRow & { cursor_at: string })[]>`
    select ${tx.unsafe(COLUMNS)}, created_at::text as cursor_at from public.ultaura_trusted_contacts
    where line_id = ${lineId}
      ${page.after ? tx`and (created_at, id) > (${page.after.at}::text::timestamptz, ${page.after.id}::uuid)` : tx``}
    order by created_at, id
    limit ${page.limit + 1}`;
}

export async function getContact(tx: Tx, id: string): Promise<ContactRow> {
  const [row] = await tx<
    ContactRow[]
  >`select ${tx.unsafe(COLUMNS)} from public.ultaura_trusted_contacts where id = ${id}`;
  if (!row) refuse({ code: "not_found", thing: "contact" });
  return row;
}

export async function createContact(
  tx: Tx,
  userId: string,
  line: LineRow,
  fields: Required<Pick<ContactFields, "name" | "phone" | "notifyOn" | "enabled">> & ContactFields,
  now: Date,
): Promise<ContactRow> {
  const [row] = await unique(
    () => tx<{ id: string }[]>`
    insert into public.ultaura_trusted_contacts
      (account_id, line_id, name, phone_e164, relationship, notify_on, alerts_opted_in_at, enabled)
    values (${line.account_id}, ${line.id}, ${fields.name}, ${fields.phone}, ${fields.relationship ?? null},
      ${fields.notifyOn}::public.ultaura_safety_tier[], ${fields.contactAgreed ? now : null}, ${fields.enabled})
    returning id`,
    tx,
  );
  const created = await getContact(tx, row?.id ?? "");
  if (fields.contactAgreed) await recordConsent(tx, userId, created, true);
  return created;
}

export async function updateContact(tx: Tx, userId: string, id: string, fields: ContactFields, now: Date) {
  const current = await getContact(tx, id);
  const set: Record<string, unknown> = {};
  if (fields.name !== undefined) set.name = fields.name;
  if (fields.phone !== undefined) set.phone_e164 = fields.phone;
  if (fields.relationship !== undefined) set.relationship = fields.relationship;
  if (fields.enabled !== undefined) set.enabled = fields.enabled;
  // A new number has agreed to nothing (0028 clears the opt-in); a yes sent with it is recorded afresh.
  const numberChanges = fields.phone !== undefined && fields.phone !== current.phone_e164;
  const consentChanges =
    fields.contactAgreed !== undefined &&
    (fields.contactAgreed !== (current.alerts_opted_in_at !== null) ||
      (numberChanges && fields.contactAgreed));
  if (consentChanges) set.alerts_opted_in_at = fields.contactAgreed ? now : null;
  if (Object.keys(set).length > 0) {
    await unique(
      () =>
        tx`update public.ultaura_trusted_contacts set ${tx(set as Record<string, string>)} where id = ${id}`,
      tx,
    );
  }
  if (fields.notifyOn) {
    await tx`update public.ultaura_trusted_contacts set notify_on = ${fields.notifyOn}::public.ultaura_safety_tier[] where id = ${id}`;
  }
  if (consentChanges) await recordConsent(tx, userId, current, fields.contactAgreed === true);
  return getContact(tx, id);
}

export async function deleteContact(tx: Tx, id: string): Promise<void> {
  const rows = await tx`delete from public.ultaura_trusted_contacts where id = ${id} returning id`;
  if (rows.length === 0) refuse({ code: "not_found", thing: "contact" });
}

async function recordConsent(tx: Tx, userId: string, contact: ContactRow, granted: boolean): Promise<void> {
  await tx`
    insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id, note)
    values (${contact.account_id}, ${contact.line_id}, 'trusted_contact_alerts', ${granted}, 'web', ${userId}, ${contact.id},
      ${granted ? "Family member confirmed the contact agreed to safety texts" : "Family member withdrew the contact's agreement"})`;
}

async function unique<T>(run: () => Promise<T>, tx: Tx): Promise<T> {
  try {
    return (await tx.savepoint(() => run())) as T;
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      refuse({ code: "contact_exists" });
    }
    throw error;
  }
}

export function contactJson(row: ContactRow) {
  return {
    id: row.id,
    lineId: row.line_id,
    name: row.name,
    phone: row.phone_e164,
    relationship: row.relationship,
    notifyOn: row.notify_on,
    consentRecordedAt: row.alerts_opted_in_at?.toISOString() ?? null,
    enabled: row.enabled,
  };
}
