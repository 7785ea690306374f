import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { Keyset } from "../activity/cursor.ts";
import type { LineRow } from "../lines/lines.ts";
import type { ApiOutcome } from "../refusals.ts";

export type AlertTier = "low" | "medium" | "high" | "emergency";

const TIERS: readonly AlertTier[] = ["low", "medium", "high", "emergency"];

/** The lowest tier asked for: `alertsFrom`, or the lowest of an earlier client's `notifyOn` list. */
export function chosenTier(input: {
  alertsFrom?: AlertTier | undefined;
  notifyOn?: AlertTier[] | undefined;
}) {
  if (input.alertsFrom) return input.alertsFrom;
  if (!input.notifyOn) return undefined;
  return TIERS.find((tier) => input.notifyOn?.includes(tier));
}

/**
 * Trusted contacts, as the caller (RLS). A contact is texted about safety concerns only once the family
 * member confirms the contact agreed: that appends a `trusted_contact_alerts` consent in the member's name
 * (the evidence the alert path checks), and the database sets `alerts_opted_in_at` from it (0036) — no API
 * role writes that column itself.
 */
export interface ContactRow {
  id: string;
  account_id: string;
  line_id: string;
  name: string;
  phone_e164: string;
  relationship: string | null;
  /** The chosen lowest tier and every tier above it (0038 keeps it so). */
  notify_on: AlertTier[];
  alerts_opted_in_at: Date | null;
  enabled: boolean;
  notify_missed_calls: boolean;
}

export interface ContactFields {
  name?: string;
  phone?: string;
  relationship?: string | null;
  /** The lowest tier that reaches the contact. */
  alertsFrom?: AlertTier;
  contactAgreed?: boolean;
  enabled?: boolean;
  /** Texted when the person's scheduled calls go unanswered two days in a row (0038). */
  notifyMissedCalls?: boolean;
}

const COLUMNS = `id, account_id, line_id, name, phone_e164, relationship, notify_on::text[] as notify_on,
  alerts_opted_in_at, enabled, notify_missed_calls`;

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

export async function getContact(tx: Tx, id: string): Promise<ApiOutcome<ContactRow>> {
  const [row] = await tx<
    ContactRow[]
  >`select ${tx.unsafe(COLUMNS)} from public.ultaura_trusted_contacts where id = ${id}`;
  return row ? ok(row) : refused({ code: "not_found", thing: "contact" });
}

/** A contact the caller just wrote (and so can read). */
async function readBack(tx: Tx, id: string): Promise<ContactRow> {
  const contact = await getContact(tx, id);
  if (!contact.ok) throw new Error(`contact ${id} not readable after writing it`);
  return contact.value;
}

export async function createContact(
  tx: Tx,
  userId: string,
  line: LineRow,
  fields: Required<Pick<ContactFields, "name" | "phone" | "alertsFrom" | "enabled">> & ContactFields,
): Promise<ApiOutcome<ContactRow>> {
  const inserted = await unique(
    () => tx<{ id: string }[]>`
    insert into public.ultaura_trusted_contacts
      (account_id, line_id, name, phone_e164, relationship, notify_on, enabled, notify_missed_calls)
    values (${line.account_id}, ${line.id}, ${fields.name}, ${fields.phone}, ${fields.relationship ?? null},
      ${[fields.alertsFrom]}::public.ultaura_safety_tier[], ${fields.enabled}, ${fields.notifyMissedCalls ?? false})
    returning id`,
    tx,
  );
  if (!inserted.ok) return inserted;
  const created = await readBack(tx, inserted.value[0]?.id ?? "");
  if (!fields.contactAgreed) return ok(created);
  // The consent sets the opt-in (0036): read the contact again to answer with it.
  await recordConsent(tx, userId, created, true);
  return ok(await readBack(tx, created.id));
}

export async function updateContact(
  tx: Tx,
  userId: string,
  id: string,
  fields: ContactFields,
): Promise<ApiOutcome<ContactRow>> {
  const found = await getContact(tx, id);
  if (!found.ok) return found;
  const current = found.value;
  const set: Record<string, unknown> = {};
  if (fields.name !== undefined) set.name = fields.name;
  if (fields.phone !== undefined) set.phone_e164 = fields.phone;
  if (fields.relationship !== undefined) set.relationship = fields.relationship;
  if (fields.enabled !== undefined) set.enabled = fields.enabled;
  if (fields.notifyMissedCalls !== undefined) set.notify_missed_calls = fields.notifyMissedCalls;
  // A new number has agreed to nothing (0028 clears the opt-in); a yes sent with it is recorded afresh, for
  // the new number (the consent is written after the number, and sets the opt-in, 0036).
  const numberChanges = fields.phone !== undefined && fields.phone !== current.phone_e164;
  const consentChanges =
    fields.contactAgreed !== undefined &&
    (fields.contactAgreed !== (current.alerts_opted_in_at !== null) ||
      (numberChanges && fields.contactAgreed));
  if (Object.keys(set).length > 0) {
    const updated = await unique(
      () =>
        tx`update public.ultaura_trusted_contacts set ${tx(set as Record<string, string>)} where id = ${id}`,
      tx,
    );
    if (!updated.ok) return updated;
  }
  if (fields.alertsFrom) {
    await tx`update public.ultaura_trusted_contacts set notify_on = ${[fields.alertsFrom]}::public.ultaura_safety_tier[] where id = ${id}`;
  }
  if (consentChanges) await recordConsent(tx, userId, current, fields.contactAgreed === true);
  return ok(await readBack(tx, id));
}

export async function deleteContact(tx: Tx, id: string): Promise<ApiOutcome<void>> {
  const rows = await tx`delete from public.ultaura_trusted_contacts where id = ${id} returning id`;
  return rows.length > 0 ? ok() : refused({ code: "not_found", thing: "contact" });
}

async function recordConsent(tx: Tx, userId: string, contact: ContactRow, granted: boolean): Promise<void> {
  await tx`
    insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id, note)
    values (${contact.account_id}, ${contact.line_id}, 'trusted_contact_alerts', ${granted}, 'web', ${userId}, ${contact.id},
      ${granted ? "Family member confirmed the contact agreed to safety texts" : "Family member withdrew the contact's agreement"})`;
}

/** A write that may collide with another contact's number: refused, and undone by its savepoint. */
async function unique<T>(run: () => Promise<T>, tx: Tx): Promise<ApiOutcome<T>> {
  try {
    return ok((await tx.savepoint(() => run())) as T);
  } catch (error) {
    if ((error as { code?: string }).code === "23505") return refused({ code: "contact_exists" });
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
    alertsFrom: row.notify_on[0] ?? ("high" as const),
    consentRecordedAt: row.alerts_opted_in_at?.toISOString() ?? null,
    enabled: row.enabled,
    notifyMissedCalls: row.notify_missed_calls,
  };
}
