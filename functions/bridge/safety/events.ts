import type { SafetyGuidance, SafetyTier } from "../../_shared/domain/safety/phrase-list.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { AlertRecipient } from "./alerts.ts";

/** Safety events on a call. `tx` is a service transaction; `session` a live call session. */
export interface SafetySession {
  id: string;
  accountId: string;
  lineId: string;
}

export interface ModelConcern {
  tier: SafetyTier;
  signals: string[];
  actionTaken: string;
}

/** Flags the call in the family's activity with the most severe tier seen on it. */
async function flagCall(tx: Tx, sessionId: string, tier: SafetyTier): Promise<void> {
  await tx`
    update public.ultaura_call_sessions
    set safety_tier = greatest(safety_tier, ${tier}::public.ultaura_safety_tier), updated_at = now()
    where id = ${sessionId}`;
}

/** The model's own report. Returns the event id. */
export async function recordModelConcern(
  tx: Tx,
  session: SafetySession,
  concern: ModelConcern,
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.ultaura_safety_events (account_id, line_id, call_session_id, tier, source, signals, action_taken)
    values (${session.accountId}, ${session.lineId}, ${session.id}, ${concern.tier}, 'model',
      ${concern.signals}::text[], ${concern.actionTaken})
    returning id`;
  if (!row) throw new Error("safety event insert returned nothing");
  await flagCall(tx, session.id, concern.tier);
  return row.id;
}

/**
 * A keyword backstop hit and the guidance it gave. Returns the event id, or null when this tier was
 * already logged by keyword on this call (the model was told then).
 */
export async function recordKeywordHit(
  tx: Tx,
  session: SafetySession,
  tier: SafetyTier,
  labels: string[],
  guidance: SafetyGuidance,
): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.ultaura_safety_events (account_id, line_id, call_session_id, tier, source, signals, action_taken)
    values (${session.accountId}, ${session.lineId}, ${session.id}, ${tier}, 'keyword', ${labels}::text[],
      ${guidance})
    on conflict (call_session_id, tier) where source = 'keyword' do nothing
    returning id`;
  if (!row) return null;
  await flagCall(tx, session.id, tier);
  return row.id;
}

/**
 * Claims the trusted-contact alert for `eventId`: at most one emergency text and one other text per call,
 * and no other text after an emergency one. The session row is locked first so two reports at once are
 * decided one after the other.
 */
export async function claimCallAlert(tx: Tx, sessionId: string, eventId: string): Promise<boolean> {
  await tx`select 1 from public.ultaura_call_sessions where id = ${sessionId} for update`;
  const rows = await tx`
    update public.ultaura_safety_events ev set contacts_notified_at = now()
    where ev.id = ${eventId}
      and not exists (
        select 1 from public.ultaura_safety_events e
        where e.call_session_id = ${sessionId} and e.contacts_notified_at is not null
          and (e.tier = 'emergency' or ev.tier <> 'emergency'))
    returning ev.id`;
  return rows.length === 1;
}

/**
 * Gives back a claim whose texts all failed: the event then records that nobody was told, and the call's
 * next high-tier report claims and sends again.
 */
export async function releaseCallAlert(tx: Tx, eventId: string): Promise<void> {
  await tx`update public.ultaura_safety_events set contacts_notified_at = null where id = ${eventId}`;
}

/**
 * The line's trusted contacts who agreed to safety texts and whom this tier reaches: `notify_on` holds each
 * contact's chosen lowest tier and every tier above it (0038), so an emergency reaches a "medium" contact. The evidence is the
 * newest consent row, a yes for the contact's current number (0028); the opt-in timestamp alone is not.
 */
export async function alertRecipients(
  tx: Tx,
  session: SafetySession,
  tier: SafetyTier,
): Promise<AlertRecipient[]> {
  return tx<AlertRecipient[]>`
    select t.id, t.name, t.phone_e164 as phone from public.ultaura_trusted_contacts t
    where t.line_id = ${session.lineId} and t.account_id = ${session.accountId}
      and t.enabled and t.alerts_opted_in_at is not null and ${tier}::public.ultaura_safety_tier = any(t.notify_on)
      and coalesce((
        select c.granted and c.phone_e164 = t.phone_e164 from public.ultaura_consents c
        where c.trusted_contact_id = t.id and c.kind = 'trusted_contact_alerts'
        order by c.created_at desc, c.id desc limit 1), false)
    order by t.created_at, t.id`;
}
