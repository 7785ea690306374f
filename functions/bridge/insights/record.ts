import { type InsightsSource, saveCallInsights } from "../../_shared/domain/memory/insights.ts";
import { listLineMemories } from "../../_shared/domain/memory/store.ts";
import type { SmsSender } from "../../_shared/domain/notifications/sms.ts";
import { sharedWithAnyCaller } from "../../_shared/domain/sessions/caller-trust.ts";
import { recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import type { Keyring } from "../../_shared/platform/crypto/keyring.ts";
import type { Database, Tx } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { repeatsAny } from "../memory/match.ts";
import { promptLanguage } from "../prompt/local-time.ts";
import { safetyAlertText, sendSafetyAlerts } from "../safety/alerts.ts";
import { alertRecipients, claimCallAlert, releaseCallAlert, type SafetySession } from "../safety/events.ts";
import type { InsightsArgs } from "./args.ts";
import { markDelivered } from "./messages.ts";

export interface InsightsDeps {
  db: Database;
  keyring: Keyring;
  sms: SmsSender;
  log: Logger;
}

export interface InsightsOutcome {
  stored: boolean;
  /** Insight texts dropped because they repeated something private. */
  privateDropped: number;
  /** Concerns first raised by this record (not already logged on the call at that tier or above). */
  lateConcerns: number;
  contactsAlerted: number;
  messagesDelivered: number;
}

/**
 * Records a call's insights: texts that repeat a private memory or health note of the line are dropped
 * (and counted), the rest sealed; concerns the call had not raised become safety events found after the
 * call, and a high or emergency one alerts the trusted contacts at once through the same claim as during
 * the call; messages passed on are marked delivered.
 */
export async function recordCallInsights(
  { db, keyring, sms, log }: InsightsDeps,
  session: SafetySession,
  args: InsightsArgs,
  source: InsightsSource,
): Promise<InsightsOutcome> {
  const planned = await db.asService(async (tx) => {
    // One definition of private: what the line's memories say is private or a health note, as bound to the
    // verified number (listLineMemories).
    const secrets = (await listLineMemories(tx, keyring, session.accountId, session.lineId))
      .filter((memory) => !sharedWithAnyCaller(memory))
      .map((memory) => memory.text);
    let dropped = 0;
    const keep = (text: string | undefined): string | null => {
      if (text === undefined) return null;
      if (repeatsAny(text, secrets)) {
        dropped++;
        return null;
      }
      return text;
    };
    const keepAll = (texts: string[] | undefined) =>
      (texts ?? []).map(keep).filter((text): text is string => text !== null);
    const summary = keep(args.summary);
    const topics = keepAll(args.topics);
    const followUps = keepAll(args.followUps);
    const familyNote = keep(args.familyNote);
    const concerns = (args.concerns ?? []).filter((concern) => keep(concern.label) !== null);
    const stored = await saveCallInsights(tx, keyring, {
      callSessionId: session.id,
      accountId: session.accountId,
      lineId: session.lineId,
      source,
      mood: args.mood ?? null,
      energy: args.energy ?? null,
      summary,
      topics,
      followUps,
      familyNote,
      privateDropped: dropped,
    });
    const late = stored ? await raiseLateConcerns(tx, session, concerns) : { count: 0, alert: null };
    const delivered = stored ? await markDelivered(tx, session, args.deliveredMessages ?? []) : 0;
    await recordCallEvent(tx, {
      callSessionId: session.id,
      callSid: null,
      type: "bridge.insights",
      // Counts only: the texts are sealed or dropped, never logged.
      payload: {
        source,
        stored,
        privateDropped: dropped,
        lateConcerns: late.count,
        messagesDelivered: delivered,
      },
    });
    return { stored, dropped, late, delivered };
  });
  // Texts go out after the commit, so an alert is never sent for an event that was rolled back.
  const alert = planned.late.alert;
  const alerts = alert
    ? await sendSafetyAlerts(sms, alert.recipients, safetyAlertText(alert.name, alert.language), log)
    : { sent: 0, failed: 0 };
  if (alert && alerts.failed > 0 && alerts.sent === 0)
    await db.asService((tx) => releaseCallAlert(tx, alert.eventId));
  log.info("call insights", {
    callSessionId: session.id,
    source,
    stored: planned.stored,
    privateDropped: planned.dropped,
    lateConcerns: planned.late.count,
    ...alerts,
  });
  return {
    stored: planned.stored,
    privateDropped: planned.dropped,
    lateConcerns: planned.late.count,
    contactsAlerted: alerts.sent,
    messagesDelivered: planned.delivered,
  };
}

interface PlannedAlert {
  eventId: string;
  recipients: Awaited<ReturnType<typeof alertRecipients>>;
  name: string;
  language: ReturnType<typeof promptLanguage>;
}

const SEVERITY = { low: 0, medium: 1, high: 2, emergency: 3 } as const;

/**
 * Concerns not already on the call at their tier or above become safety events marked `found_after_call`;
 * the most severe high or emergency one claims the call's alert (none when one was sent during the call).
 */
async function raiseLateConcerns(
  tx: Tx,
  session: SafetySession,
  concerns: NonNullable<InsightsArgs["concerns"]>,
): Promise<{ count: number; alert: PlannedAlert | null }> {
  let count = 0;
  let worst: { eventId: string; tier: "high" | "emergency" } | null = null;
  const bySeverity = [...concerns].sort((a, b) => SEVERITY[b.tier] - SEVERITY[a.tier]);
  for (const concern of bySeverity) {
    const [row] = await tx<{ id: string }[]>`
      insert into public.ultaura_safety_events
        (account_id, line_id, call_session_id, tier, source, signals, action_taken, found_after_call)
      select ${session.accountId}, ${session.lineId}, ${session.id}, ${concern.tier}, 'model',
        array[${concern.label}]::text[], 'found_after_call', true
      where not exists (
        select 1 from public.ultaura_safety_events e
        where e.call_session_id = ${session.id} and e.tier >= ${concern.tier}::public.ultaura_safety_tier)
      returning id`;
    if (!row) continue;
    count++;
    await tx`
      update public.ultaura_call_sessions
      set safety_tier = greatest(safety_tier, ${concern.tier}::public.ultaura_safety_tier), updated_at = now()
      where id = ${session.id}`;
    if (!worst && (concern.tier === "high" || concern.tier === "emergency"))
      worst = { eventId: row.id, tier: concern.tier };
  }
  if (!worst) return { count, alert: null };
  // The contacts whose chosen tier this severity reaches (an emergency also reaches those who chose high).
  const recipients = await alertRecipients(tx, session, worst.tier);
  if (recipients.length === 0 || !(await claimCallAlert(tx, session.id, worst.eventId)))
    return { count, alert: null };
  const [line] = await tx<{ name: string; language: string }[]>`
    select coalesce(preferred_name, display_name) as name, language from public.ultaura_lines
    where id = ${session.lineId}`;
  return {
    count,
    alert: {
      eventId: worst.eventId,
      recipients,
      name: line?.name ?? "",
      language: promptLanguage(line?.language ?? "en"),
    },
  };
}
