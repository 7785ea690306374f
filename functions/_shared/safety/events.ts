import type { Tx } from "../adapters/db.ts";
import type { AlertRecipient } from "./alerts.ts";
import type { SafetyTier } from "./phrases.ts";

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
  return row.id;
}

/** A keyword backstop hit; false when this tier was already logged by keyword on this call. */
export async function recordKeywordHit(
  tx: Tx,
  session: SafetySession,
  tier: SafetyTier,
  labels: string[],
): Promise<boolean> {
  const rows = await tx`
    insert into public.ultaura_safety_events (account_id, line_id, call_session_id, tier, source, signals, action_taken)
    values (${session.accountId}, ${session.lineId}, ${session.id}, ${tier}, 'keyword', ${labels}::text[],
      'hint_sent_to_model')
    on conflict (call_session_id, tier) where source = 'keyword' do nothing
    returning id`;
  return rows.length === 1;
}

/**
 * Claims the call's one trusted-contact alert for `eventId`: true only for the first claim on the call.
 * The session row is locked first so two high-tier reports at once are decided one after the other.
 */
export async function claimCallAlert(tx: Tx, sessionId: string, eventId: string): Promise<boolean> {
  await tx`select 1 from public.ultaura_call_sessions where id = ${sessionId} for update`;
  const rows = await tx`
    update public.ultaura_safety_events set contacts_notified_at = now()
    where id = ${eventId}
      and not exists (
        select 1 from public.ultaura_safety_events e
        where e.call_session_id = ${sessionId} and e.contacts_notified_at is not null)
    returning id`;
  return rows.length === 1;
}

/** The line's trusted contacts who agreed to safety texts and want them for this tier. */
export async function alertRecipients(
  tx: Tx,
  session: SafetySession,
  tier: SafetyTier,
): Promise<AlertRecipient[]> {
  return tx<AlertRecipient[]>`
    select id, name, phone_e164 as phone from public.ultaura_trusted_contacts
    where line_id = ${session.lineId} and account_id = ${session.accountId}
      and enabled and alerts_opted_in_at is not null and ${tier}::public.ultaura_safety_tier = any(notify_on)
    order by created_at, id`;
}
