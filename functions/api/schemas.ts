/**
 * Request and response shapes of functions/api, shared with the web app (forms validate with the same
 * schemas the API does). Runtime-neutral: imports zod and zod schemas only. JSON is camelCase; times are ISO 8601 UTC
 * unless named `local…`; minutes and seconds are integers.
 */
import { z } from "zod";
import { planKind } from "../_shared/contracts/bridge.ts";
import { checkoutPlanId } from "../_shared/domain/billing/prices.ts";

const id = z.uuid();
const isoTime = z.string();

/** "HH:MM", 24-hour, in the line's own time zone — the only time-of-day format at the API boundary. */
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 09:30 (24-hour HH:MM)");

/** An IANA time zone this runtime knows, e.g. America/Chicago. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, "is not a time zone we know. Pick one like America/New_York");

export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A phone number as typed; the API parses it (libphonenumber) and answers in E.164. */
export const phoneInput = z.string().trim().min(3, "is required").max(32, "is too long");
export const language = z.enum(["en-US", "es-US"]);
export const voicemailBehavior = z.enum(["leave_message", "hang_up"]);
export const memberRole = z.enum(["owner", "member"]);
export const safetyTier = z.enum(["low", "medium", "high"]);
/**
 * The lowest tier that reaches a trusted contact (every tier above it reaches them too): emergency and
 * high are texted at once, medium in at most one summary a day, low only in the weekly summary.
 */
export const alertTier = z.enum(["low", "medium", "high", "emergency"]);
/** The database's enums, value for value (pinned by tests/db/statuses.db.test.ts). */
export const accountStatus = z.enum(["trial", "active", "past_due", "suspended", "canceled"]);
export const callStatus = z.enum([
  "created",
  "queued",
  "initiated",
  "ringing",
  "in_progress",
  "completed",
  "busy",
  "no_answer",
  "failed",
  "canceled",
]);
/** What a family is told about a call: its status, with answered and voicemail told apart. */
export const callOutcome = z.enum([
  "in_progress",
  "answered",
  "voicemail",
  "no_answer",
  "busy",
  "failed",
  "canceled",
]);
export type AccountStatus = z.infer<typeof accountStatus>;
export type CallStatus = z.infer<typeof callStatus>;
export type CallOutcome = z.infer<typeof callOutcome>;
const shortText = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const tags = z.array(shortText(60)).max(50);

/**
 * Every `error.code` the API answers with: its refusals (each one's status and sentence in
 * functions/api/refusals.ts) and the edge's (validation, sign-in, routing, body size, the unexpected). The web
 * app decides on these codes only; `message` is for showing.
 */
export const apiErrorCode = z.enum([
  "not_found",
  "account_not_found",
  "no_account",
  "account_exists",
  "owner_only",
  "invite_invalid",
  "line_disabled",
  "last_owner",
  "line_limit_reached",
  "schedule_limit_reached",
  "people_limit_reached",
  "phone_in_use",
  "number_opted_out",
  "country_not_allowed",
  "number_type_not_allowed",
  "number_changed",
  "invalid_request",
  "invalid_phone",
  "contact_exists",
  "calls_not_stopped",
  "rate_limited",
  "temporarily_unavailable",
  "already_verified",
  "wrong_code",
  "too_many_attempts",
  "code_expired",
  "verification_unavailable",
  "already_subscribed",
  "no_billing_account",
  "billing_unavailable",
  "call_failed",
  "confirm_required",
  "unverified",
  "opt_out",
  "line_inactive",
  "account_inactive",
  "no_minutes",
  "over_cap",
  "quiet_hours",
  "unauthorized",
  "bad_request",
  "forbidden",
  "payload_too_large",
  "request_refused",
  "internal",
  "notification_phone_required",
  "on_holiday",
]);
export type ApiErrorCode = z.infer<typeof apiErrorCode>;

export const errorResponse = z.object({ error: z.object({ code: apiErrorCode, message: z.string() }) });

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** A page of a history (calls, safety alerts, scheduled attempts): `cursor` is the previous page's `nextCursor`. */
export const pageQuery = z.object({
  lineId: id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
/** A page of a short list (lines, schedules, contacts, notices): the same cursor and limit. */
export const listQuery = pageQuery.omit({ lineId: true });

// ── me and accounts ──────────────────────────────────────────────────────────────────────────────────
export const accountSummary = z.object({
  id,
  name: z.string(),
  role: memberRole,
  status: accountStatus,
  planId: z.string(),
});
export const meResponse = z.object({
  user: z.object({ id, email: z.string().nullable() }),
  accounts: z.array(accountSummary),
});

export const account = accountSummary.extend({
  planName: z.string(),
  minutesIncluded: z.number().int(),
  linesIncluded: z.number().int(),
  cycleStart: isoTime,
  cycleEnd: isoTime.nullable(),
  createdAt: isoTime,
});
export const createAccountBody = z.object({ name: shortText(200) });
export const updateAccountBody = z.object({ name: shortText(200) });
export const accountQuery = z.object({ accountId: id.optional() });

export const usageResponse = z.object({
  accountId: id,
  planId: z.string(),
  cycleStart: isoTime,
  cycleEnd: isoTime.nullable(),
  minutesIncluded: z.number().int(),
  minutesUsed: z.number().int(),
  minutesRemaining: z.number().int(),
  overageMinutes: z.number().int(),
  perLine: z.array(
    z.object({ lineId: id.nullable(), displayName: z.string().nullable(), minutes: z.number().int() }),
  ),
  perDay: z.array(z.object({ date: z.string(), minutes: z.number().int() })),
});

export const inviteBody = z.object({ email: z.email("must be an e-mail address").max(320) });
export const invite = z.object({
  id,
  accountId: id,
  email: z.string(),
  role: memberRole,
  expiresAt: isoTime,
  /** Shown once, to the inviter, to pass on; only its hash is stored. */
  token: z.string().optional(),
});
export const membersResponse = z.object({
  items: z.array(z.object({ userId: id, email: z.string().nullable(), role: memberRole, joinedAt: isoTime })),
  /** Invitations not yet accepted and not expired; only owners see them. */
  invites: z.array(z.object({ id, email: z.string(), createdAt: isoTime, expiresAt: isoTime })),
});
export const acceptInviteBody = z.object({ token: z.string().min(20).max(200) });

// ── lines ────────────────────────────────────────────────────────────────────────────────────────────
export const quietHours = z.object({ start: localTime, end: localTime });
export const lineStatus = z.enum(["unverified", "active", "paused", "disabled"]);
export const line = z.object({
  id,
  accountId: id,
  displayName: z.string(),
  preferredName: z.string().nullable(),
  phone: z.string(),
  phoneVerified: z.boolean(),
  verifiedAt: isoTime.nullable(),
  status: lineStatus,
  timezone: z.string(),
  language,
  quietHours: quietHours.nullable(),
  voicemailBehavior,
  interests: z.array(z.string()),
  topicsToAvoid: z.array(z.string()),
  doNotCall: z.boolean(),
  createdAt: isoTime,
});
/** Something every member must hear about a line; `kind` is stable for the web app to switch on. */
export const lineNotice = z.object({
  id,
  lineId: id,
  kind: z.literal("number_changed"),
  oldPhone: z.string().nullable(),
  newPhone: z.string().nullable(),
  changedByUserId: id.nullable(),
  createdAt: isoTime,
});
export const createLineBody = z.object({
  accountId: id.optional(),
  displayName: shortText(100),
  preferredName: shortText(100).nullable().optional(),
  phone: phoneInput,
  timezone: timeZone,
  language: language.default("en-US"),
  quietHours: quietHours.nullable().optional(),
  voicemailBehavior: voicemailBehavior.optional(),
  interests: tags.optional(),
  topicsToAvoid: tags.optional(),
});
export const updateLineBody = z.object({
  displayName: shortText(100).optional(),
  preferredName: shortText(100).nullable().optional(),
  phone: phoneInput.optional(),
  timezone: timeZone.optional(),
  language: language.optional(),
  status: z.enum(["active", "paused"]).optional(),
  quietHours: quietHours.nullable().optional(),
  voicemailBehavior: voicemailBehavior.optional(),
  interests: tags.optional(),
  topicsToAvoid: tags.optional(),
});

// ── verification ─────────────────────────────────────────────────────────────────────────────────────
export const verifySendBody = z.object({ channel: z.enum(["sms", "call"]) });
export const verifySendResponse = z.object({
  status: z.literal("pending"),
  channel: z.enum(["sms", "call"]),
  to: z.string(),
});
export const verifyCheckBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{4,10}$/, "must be the 4–10 digit code"),
  /** The family member confirms, in the consent step, that the person agreed to AI calls: the evidence. */
  consentAttested: z.literal(true, "must be true: confirm the person agreed to receive AI calls"),
});
export const verifyCheckResponse = z.object({ verified: z.literal(true), line });

// ── schedules ────────────────────────────────────────────────────────────────────────────────────────
export const daysOfWeek = z
  .array(z.number().int().min(0).max(6))
  .min(1, "needs at least one day")
  .max(7)
  .refine((days) => new Set(days).size === days.length, "must not repeat a day");
export const schedule = z.object({
  id,
  lineId: id,
  daysOfWeek: z.array(z.number().int()),
  localTime,
  timezone: z.string(),
  enabled: z.boolean(),
  nextRunAt: isoTime.nullable(),
  /** The next run as a wall-clock time in the line's zone, "YYYY-MM-DD HH:MM". */
  nextRunLocal: z.string().nullable(),
});
export const createScheduleBody = z.object({ daysOfWeek, localTime, enabled: z.boolean().default(true) });
export const updateScheduleBody = z.object({
  daysOfWeek: daysOfWeek.optional(),
  localTime: localTime.optional(),
  enabled: z.boolean().optional(),
});

// ── reminders (issue 24) ─────────────────────────────────────────────────────────────────────────────
export const reminderKind = z.enum(["medication", "appointment", "other"]);
/** "YYYY-MM-DDTHH:MM", a local date and time in the line's own zone. */
export const localDateTime = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    "must be a local date and time like 2026-12-08T08:00",
  );
const reminderTimes = z
  .array(localTime)
  .min(1, "needs at least one time")
  .max(6, "allows at most 6 times a day")
  .refine((times) => new Set(times).size === times.length, "must not repeat a time");
const reminderSettings = {
  text: shortText(120),
  kind: reminderKind,
  requireAck: z.boolean().optional(),
  retries: z.number().int().min(0).max(5).optional(),
  retryMinutes: z.number().int().min(1).max(120).optional(),
  notifyOnMiss: z.boolean().optional(),
  paused: z.boolean().optional(),
};
export const createReminderBody = z
  .object({
    ...reminderSettings,
    once: localDateTime.optional(),
    daysOfWeek: daysOfWeek.optional(),
    times: reminderTimes.optional(),
  })
  .refine((b) => (b.once === undefined) !== (b.times === undefined), {
    message: "give either once, or times (with daysOfWeek, every day when left out)",
    path: ["times"],
  })
  .refine((b) => b.once === undefined || b.daysOfWeek === undefined, {
    message: "a once-only reminder has no daysOfWeek",
    path: ["daysOfWeek"],
  });
export const updateReminderBody = z
  .object({
    text: reminderSettings.text.optional(),
    kind: reminderKind.optional(),
    requireAck: reminderSettings.requireAck,
    retries: reminderSettings.retries,
    retryMinutes: reminderSettings.retryMinutes,
    notifyOnMiss: reminderSettings.notifyOnMiss,
    paused: reminderSettings.paused,
    once: localDateTime.optional(),
    daysOfWeek: daysOfWeek.optional(),
    times: reminderTimes.optional(),
  })
  .refine((b) => b.once === undefined || (b.times === undefined && b.daysOfWeek === undefined), {
    message: "give either once, or times and daysOfWeek",
    path: ["once"],
  });
export const reminderOccurrenceState = z.enum([
  "pending",
  "dialling",
  "calling",
  "in_call",
  "acknowledged",
  "delivered",
  "missed",
  "skipped",
]);
export const reminderOccurrence = z.object({
  id,
  reminderId: id,
  occurrenceAt: isoTime,
  /** The occurrence as a wall-clock time in the line's zone, "YYYY-MM-DD HH:MM". */
  occurrenceLocal: z.string(),
  state: reminderOccurrenceState,
  /** Why it was skipped, or the last call's status (voicemail, no_answer, …). */
  result: z.string().nullable(),
  attempts: z.number().int(),
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.enum(["keypad", "voice"]).nullable(),
  givenInCall: z.boolean(),
});
export const reminder = z.object({
  id,
  lineId: id,
  text: z.string(),
  kind: reminderKind,
  once: z.string().nullable(),
  daysOfWeek: z.array(z.number().int()).nullable(),
  times: z.array(localTime).nullable(),
  timezone: z.string(),
  requireAck: z.boolean(),
  retries: z.number().int(),
  retryMinutes: z.number().int(),
  notifyOnMiss: z.boolean(),
  setBy: z.enum(["family", "voice"]),
  paused: z.boolean(),
  nextAt: isoTime.nullable(),
  /** The next occurrence as a wall-clock time in the line's zone, "YYYY-MM-DD HH:MM". */
  nextLocal: z.string().nullable(),
  recent: z.array(reminderOccurrence),
});
/** An occurrence in the family's activity: with its reminder's line, text and kind (the reminder's own words). */
export const listedReminderOccurrence = reminderOccurrence.extend(
  reminder.pick({ lineId: true, text: true, kind: true }).shape,
);

// ── trusted contacts ─────────────────────────────────────────────────────────────────────────────────
export const contact = z.object({
  id,
  lineId: id,
  name: z.string(),
  phone: z.string(),
  relationship: z.string().nullable(),
  /** Every tier that reaches the contact: `alertsFrom` and each above it. */
  notifyOn: z.array(alertTier),
  alertsFrom: alertTier,
  consentRecordedAt: isoTime.nullable(),
  enabled: z.boolean(),
  /** Texted when the person's scheduled calls go unanswered two days in a row. */
  notifyMissedCalls: z.boolean(),
});
export const createContactBody = z.object({
  name: shortText(100),
  phone: phoneInput,
  relationship: shortText(60).nullable().optional(),
  /** Earlier clients' list of tiers: its lowest is taken as `alertsFrom`. */
  notifyOn: z.array(safetyTier).min(1).max(3).optional(),
  alertsFrom: alertTier.optional(),
  /** The family member confirms the contact agreed to be texted about safety concerns. */
  contactAgreed: z.boolean().default(false),
  enabled: z.boolean().default(true),
  notifyMissedCalls: z.boolean().default(false),
});
export const updateContactBody = z.object({
  name: shortText(100).optional(),
  phone: phoneInput.optional(),
  relationship: shortText(60).nullable().optional(),
  notifyOn: z.array(safetyTier).min(1).max(3).optional(),
  alertsFrom: alertTier.optional(),
  contactAgreed: z.boolean().optional(),
  enabled: z.boolean().optional(),
  notifyMissedCalls: z.boolean().optional(),
});

// ── plans ────────────────────────────────────────────────────────────────────────────────────────────
/** The catalogue's plan ids (the rows of ultaura_plans, pinned by tests/db/statuses.db.test.ts). */
export const planId = z.enum(["free_trial", ...checkoutPlanId.options]);
export const plan = z.object({
  id: planId,
  name: z.string(),
  kind: planKind,
  monthlyPriceCents: z.number().int(),
  annualPriceCents: z.number().int(),
  minutesIncluded: z.number().int(),
  linesIncluded: z.number().int(),
  overageCentsPerMinute: z.number().int(),
});
export type Plan = z.infer<typeof plan>;
export const plansResponse = z.object({ plans: z.array(plan) });

// ── activity ─────────────────────────────────────────────────────────────────────────────────────────
/** How a call went, as the model recorded it (or, when the call ended first, as the bridge asked for it). */
export const callInsights = z.object({
  summary: z.string().nullable(),
  /** 1 (very low) … 5 (very good). */
  mood: z.number().int().min(1).max(5).nullable(),
  energy: z.number().int().min(1).max(5).nullable(),
  topics: z.array(z.string()),
  /** What to ask about on the next call. */
  followUps: z.array(z.string()),
  /** Something the person asked to pass on to the family. */
  familyNote: z.string().nullable(),
  source: z.enum(["model", "fallback"]),
});

export const callSummary = z.object({
  id,
  lineId: id.nullable(),
  direction: z.enum(["inbound", "outbound"]),
  status: callStatus,
  outcome: callOutcome,
  isTest: z.boolean(),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  durationSeconds: z.number().int().nullable(),
  endReason: z.string().nullable(),
  billedMinutes: z.number().int().nullable(),
  /** False for a call in from a number whose caller ID the carrier could not vouch for (no A-attestation). */
  callerVerified: z.boolean(),
  /** Null when the call has no insights (not answered, or too short to have content). */
  insights: callInsights.nullable(),
});

export const memory = z.object({ id, lineId: id, kind: z.string(), text: z.string(), createdAt: isoTime });

export const safetyEvent = z.object({
  id,
  lineId: id,
  callId: id.nullable(),
  /** `emergency` (a fall, chest pain, stroke signs…) is raised on calls; contacts opt in to tiers up to `high`. */
  tier: z.enum(["low", "medium", "high", "emergency"]),
  source: z.string(),
  signals: z.array(z.string()),
  actionTaken: z.string().nullable(),
  /** What Ultaura told the person to do, in plain words. */
  guidance: z.string().nullable(),
  contactsNotifiedAt: isoTime.nullable(),
  acknowledgedAt: isoTime.nullable(),
  createdAt: isoTime,
  /** Noticed only when the call was looked back on (its insights record), after it ended. */
  foundAfterCall: z.boolean(),
});

/** One attempt to phone a line on schedule: whether it rang and, if not, why (functions/scheduler). */
export const scheduleRun = z.object({
  id,
  scheduleId: id,
  lineId: id,
  /** The regular slot this attempt belongs to. */
  occurrenceAt: isoTime,
  /** 0 for the regular call, 1.. for retries of the same slot. */
  attempt: z.number().int(),
  state: z.enum(["pending", "dialling", "placed", "done"]),
  /** `missed` after the last retry; `skipped` when the call was never placed (see `reason`). */
  outcome: z.enum(["reached", "retrying", "missed", "skipped"]).nullable(),
  /** How the attempt ended (no_answer, busy, failed, completed, voicemail) or why it was not placed
   * (skipped_quiet_hours, skipped_opt_out, skipped_no_minutes, skipped_unverified, skipped_over_cap,
   * skipped_line_inactive, skipped_account_inactive, skipped_paused: a planned pause). */
  reason: z.string().nullable(),
  callSessionId: id.nullable(),
  dueAt: isoTime,
});

// ── call controls ────────────────────────────────────────────────────────────────────────────────────
export const reenableCallsBody = z.object({
  confirmPersonAgreed: z.literal(true, "must be true: confirm the person asked for calls again"),
  note: shortText(500),
});
export const testCallBody = z.object({ ignoreQuietHours: z.boolean().default(false) });
export const testCallResponse = z.object({ callSessionId: id });

export const idParam = z.object({ id });

// ── export and closing ───────────────────────────────────────────────────────────────────────────────
/** A table's rows as the family may see them, with the database's own column names. */
const exportedRows = z.array(z.record(z.string(), z.unknown()));
export const accountExport = z.object({
  exportedAt: isoTime,
  account,
  members: membersResponse.shape.items,
  lines: exportedRows,
  schedules: exportedRows,
  contacts: exportedRows,
  calls: exportedRows,
  /** The minute ledger: each call's connected seconds, billable and overage minutes. */
  minutes: exportedRows,
  alerts: exportedRows,
  consents: exportedRows,
  optOuts: exportedRows,
  /** Decrypted, as the memories page shows them; private memories and health notes are not included. */
  memories: z.array(memory),
});
/** The owner types DELETE; anything else is refused with `confirm_required` and changes nothing. */
export const closeAccountBody = z.object({ confirm: z.string().max(100).optional() });
export const closedAccount = z.object({
  accountId: id,
  closedAt: isoTime,
  subscriptionsCancelled: z.array(z.string()),
  /** What law or billing needs, kept after the account's data is deleted. */
  kept: z.object({
    consents: z.number().int(),
    optOuts: z.number().int(),
    ledgerTotals: z.object({
      calls: z.number().int(),
      secondsConnected: z.number().int(),
      billableMinutes: z.number().int(),
      overageMinutes: z.number().int(),
    }),
  }),
});

// ── invitation preview (issue 21) ────────────────────────────────────────────────────────────────────
export const invitePreview = z.object({
  accountName: z.string(),
  /** The inviter's sign-in e-mail; null when that sign-in was deleted since. */
  invitedBy: z.string().nullable(),
  /** The sentence naming both, in the language of the request's Accept-Language (English or Spanish). */
  invitation: z.string(),
});
// ── call insights and family messages (issue 22) ─────────────────────────────────────────────────────
export const weeklyInsightsQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(26).default(8),
});

export const weeklyInsights = z.object({
  lineId: id,
  /** The line's zone: each week starts on Monday 00:00 there. */
  timezone: z.string(),
  weeks: z.array(
    z.object({
      /** The week's Monday, YYYY-MM-DD in the line's zone. */
      weekStart: z.string(),
      /** Average mood (1–5, one decimal) of the week's calls with a mood; null when none had one. */
      mood: z.number().nullable(),
      moodCalls: z.number().int(),
      minutes: z.number().int(),
      answered: z.number().int(),
      missed: z.number().int(),
    }),
  ),
});

export const createMessageBody = z.object({
  /** Said as written on the next call: at most 280 characters. */
  text: z.string().trim().min(1).max(280),
  /** How the person will hear who sent it, e.g. "Anna". */
  from: z.string().trim().min(1).max(60),
});

export const familyMessage = z.object({
  id,
  lineId: id,
  from: z.string(),
  text: z.string(),
  /** `waiting` until a call records that it was passed on. */
  state: z.enum(["waiting", "delivered"]),
  createdAt: isoTime,
  deliveredAt: isoTime.nullable(),
});

export const familyMessages = z.object({ items: z.array(familyMessage) });
// ── notifications (issue 22) ─────────────────────────────────────────────────────────────────────────
/** The kinds of notice a member may ask for (functions/_shared/domain/notifications/kinds.ts). */
export const noticeKind = z.enum(["missed_calls", "weekly_digest", "safety", "billing", "reminders"]);
export const notificationSettings = z.object({
  /** Where texts go, in E.164; null when none is set. */
  phone: z.string().nullable(),
  /** Texts are sent only once the phone is verified with a code. */
  phoneVerified: z.boolean(),
  /** The language of the member's texts and alerts. */
  language: z.enum(["en", "es"]),
  /** The member's time zone; null: their account's first line's. The owner's decides the digest's Monday. */
  timezone: z.string().nullable(),
  kinds: z.array(noticeKind),
});
export const notificationSettingsPatch = z.object({
  phone: phoneInput.nullable().optional(),
  language: z.enum(["en", "es"]).optional(),
  timezone: timeZone.nullable().optional(),
  kinds: z.array(noticeKind).max(5).optional(),
});
export const notificationVerifySendBody = z.object({ channel: z.enum(["sms", "call"]).default("sms") });
export const notificationVerifyCheckBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{4,10}$/, "must be the 4–10 digit code"),
});
export const memberAlert = z.object({
  id,
  accountId: id,
  kind: noticeKind,
  lineId: id.nullable(),
  body: z.string(),
  /** What became of its text: none (no verified phone), pending, sent, failed, opted_out (STOP). */
  sms: z.enum(["none", "pending", "sent", "failed", "opted_out"]),
  readAt: isoTime.nullable(),
  createdAt: isoTime,
});
export const memberAlertList = z.object({ items: z.array(memberAlert), unread: z.number().int() });

// ── planned pauses (holidays) ────────────────────────────────────────────────────────────────────────
/** A calendar date, YYYY-MM-DD, in the line's own time zone. */
const localDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date like 2026-12-24 (YYYY-MM-DD)");
export const linePause = z.object({
  id,
  lineId: id,
  /** First and last day without calls (both included), in the line's time zone. */
  startsOn: localDate,
  endsOn: localDate,
  note: z.string().nullable(),
  createdAt: isoTime,
});
export const createPauseBody = z
  .object({ startsOn: localDate, endsOn: localDate, note: shortText(200).optional() })
  .refine((p) => p.endsOn >= p.startsOn, { message: "must not be before startsOn", path: ["endsOn"] })
  .refine((p) => (Date.parse(p.endsOn) - Date.parse(p.startsOn)) / 86_400_000 <= 365, {
    message: "a pause lasts at most a year",
    path: ["endsOn"],
  });
