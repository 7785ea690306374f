import { type Copy, copyFor, languageOf } from "../../_shared/domain/copy/index.ts";
import type { SmsSender } from "../../_shared/domain/notifications/sms.ts";
import {
  EMERGENCY_CATEGORIES,
  type SafetyGuidance,
  type SafetyTier,
} from "../../_shared/domain/safety/phrase-list.ts";
import type { Database } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { sendSafetyAlerts, tellMembers } from "./alerts.ts";
import {
  alertRecipients,
  claimCallAlert,
  recordKeywordHit,
  releaseCallAlert,
  type SafetySession,
} from "./events.ts";
import { type ScanResult, scanForSafety } from "./phrases.ts";

/**
 * The transcript backstop beside the model's own judgement, run on each final caller transcript: a phrase
 * hit is logged (source `keyword`, once per tier per call) and answered with a hint the Worker injects at
 * once so the model checks in. The emergency tier also texts every trusted contact it reaches (each
 * contact's lowest tier at or below emergency, 0038) — what was said in plain words and the line's local time — once per call. The transcript itself is
 * never stored; only the phrase labels are.
 */
export interface BackstopDeps {
  db: Database;
  sms: SmsSender;
  log: Logger;
  now: () => Date;
}

export interface BackstopOutcome {
  tier: SafetyTier | null;
  /** For the model, in the line's language; null when nothing was heard or this tier was already hinted. */
  hint: string | null;
  alerts: { sent: number; failed: number };
}

/** The guidance each tier's hint gives, as stored on the event for the family. */
const GUIDANCE: Record<SafetyTier, SafetyGuidance> = {
  emergency: "urged_911",
  high: "asked_if_safe",
  medium: "checked_in_988",
  low: "checked_in",
};

interface PlannedAlert {
  eventId: string;
  recipients: { id: string; name: string; phone: string }[];
  text: string;
}

export async function callerTranscript(
  { db, sms, log, now }: BackstopDeps,
  session: SafetySession,
  text: string,
): Promise<BackstopOutcome> {
  const scan = scanForSafety(text);
  const tier = scan.tier;
  if (!tier) return { tier: null, hint: null, alerts: { sent: 0, failed: 0 } };
  const planned = await db.asService(async (tx) => {
    const [line] = await tx<{ name: string; language: string; timezone: string }[]>`
      select coalesce(preferred_name, display_name) as name, language, timezone
      from public.ultaura_lines where id = ${session.lineId}`;
    const copy = copyFor(languageOf(line?.language ?? "en"));
    const eventId = await recordKeywordHit(tx, session, tier, scan.labels, GUIDANCE[tier]);
    if (!eventId) return { hint: null, alert: null, name: null };
    const hint = copy.safety.hints[tier];
    if (tier !== "emergency" || !line) return { hint, alert: null, name: null };
    const recipients = await alertRecipients(tx, session, "emergency");
    if (recipients.length === 0 || !(await claimCallAlert(tx, session.id, eventId))) {
      return { hint, alert: null, name: line.name };
    }
    const alert: PlannedAlert = { eventId, recipients, text: emergencyText(copy, line, scan, now()) };
    return { hint, alert, name: line.name };
  });
  // Texts go out after the commit, so an alert is never sent for an event that was rolled back.
  const alerts = planned.alert
    ? await sendSafetyAlerts(sms, planned.alert.recipients, planned.alert.text, log)
    : { sent: 0, failed: 0 };
  const eventId = planned.alert?.eventId;
  if (eventId && alerts.failed > 0 && alerts.sent === 0)
    await db.asService((tx) => releaseCallAlert(tx, eventId));
  if (planned.name !== null) await tellMembers({ db, sms, log }, session, "emergency", planned.name);
  log.warn("safety keyword", { callSessionId: session.id, tier, hinted: planned.hint !== null, ...alerts });
  return { tier, hint: planned.hint, alerts };
}

/** The family's emergency text: the person, what it was in plain words, and when, in the line's zone. */
export function emergencyText(
  copy: Copy,
  line: { name: string; timezone: string },
  scan: Pick<ScanResult, "categories">,
  at: Date,
): string {
  const category = EMERGENCY_CATEGORIES.find((c) => scan.categories.includes(c)) ?? "fall";
  const localTime = new Intl.DateTimeFormat(copy.locale, {
    timeZone: line.timezone,
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
  return copy.sms.emergencyAlert(line.name, copy.safety.emergencySaid[category], localTime);
}
