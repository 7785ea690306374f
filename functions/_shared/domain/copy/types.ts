/**
 * Every sentence a caller hears or a family member reads, behind one interface with one implementation per
 * language (`en.ts`, `es.ts`). A key missing from either language is a type error, so no Spanish line ever
 * hears an English sentence in a Spanish voice.
 *
 * Adding a sentence:
 *   1. add the key to the right section of `Copy` below, with a TSDoc line saying who hears or reads it and
 *      when (a function of its variables when it has any, e.g. `(name: string) => string`);
 *   2. write it in `en.ts` AND `es.ts` (the type checker refuses one without the other);
 *   3. read it with `copyFor(languageOf(line.language)).<section>.<key>` (`./index.ts`); never branch on the
 *      language elsewhere;
 *   4. `copy.test.ts` fills every sentence of both languages and checks none is empty, untranslated or shows
 *      "undefined" (a key worded from the keypad goes in its `KEYED` list); test where it is heard or read
 *      in both languages (e.g. `functions/twilio/spoken.db.test.ts`, `functions/bridge/words.db.test.ts`).
 * Sections: `prompt` (the model's instructions), `call` (the Worker's fixed moments), `phone` (Twilio <Say>
 * without the model), `sms` (texts), `safety` (transcript-backstop hints). Words the model only reads may be
 * instructions in the line's language; words Twilio speaks are plain sentences.
 * The keypad's digits come from `../contracts/keypad.ts` and are passed in, never written here.
 */
import type { Keypad } from "../../contracts/keypad.ts";
import type { EmergencyCategory, SafetyGuidance, SafetyTier } from "../safety/phrase-list.ts";

export type Language = "en" | "es";

export type CallDirection = "inbound" | "outbound";

/** granted: remember; ask: ask once this call; denied: a recent no, do not ask. */
/** `unattested`: the caller ID was not vouched for, so the call may read shared memories but write none. */
export type ConsentPrompt = "granted" | "ask" | "denied" | "unattested";

/** Why a call has a countdown: a free trial, or a paid account's monthly spending cap. */
export type MinuteLimit = "trial" | "spending_cap";

/** The sections of the model's session instructions (assembled by functions/bridge/prompt/instructions.ts). */
/** The tools the instructions describe (the consent tools are described by `consent.ask`). */
export type DescribedTool =
  | "store_memory"
  | "update_memory"
  | "recall_memory"
  | "forget_memory"
  | "mark_private"
  | "request_opt_out"
  | "log_safety_concern";

export interface PromptCopy {
  identity(name: string): string;
  firstCall(name: string, direction: CallDirection): string;
  returningCall(name: string, direction: CallDirection): string;
  clock(localNow: string, timezone: string): string;
  style: string;
  boundaries: string;
  safety: string;
  consent: Record<ConsentPrompt, string>;
  /**
   * How to use each tool, one clause per tool the session is given (`intro` + the clauses joined + `outro`):
   * a call without a tool must not have it described. Keyed by tool name.
   */
  tools: { intro: string; each: Record<DescribedTool, string>; outro: string };
  /**
   * The first call after the account's owner turned calls back on following the person's "stop calling":
   * the person is told, and how to stop them again.
   */
  callsResumed: string;
  memoriesHeading: string;
  memoriesNone: string;
  privateMark: string;
  memoriesCaution: string;
  lastCallsHeading: string;
  /** One earlier call in the "last calls" list, e.g. "Monday, March 2: 5 min, you called". */
  lastCall(day: string, minutes: number, direction: CallDirection): string;
  interests(list: string): string;
  avoid(list: string): string;
  trialMinutes(minutes: number): string;
  /** Instead of `trialMinutes` when the countdown is the family's monthly spending cap. */
  capMinutes(minutes: number): string;
}

/**
 * What the Worker says at the call's fixed moments. All but `apology` are instructions for the model's next
 * response; `apology` is spoken by Twilio's <Say> when the model is gone, so it is a plain sentence.
 */
export interface CallCopy {
  greeting(name: string, firstCall: boolean): string;
  silenceCheck(name: string): string;
  silenceGoodbye(name: string): string;
  /** The opt-out key was pressed once: ask whether to stop calls, and to press it again if so. */
  optOutConfirm(keys: Keypad): string;
  /** After a confirmed opt-out, by keypad or by voice: acknowledge kindly and say goodbye. */
  optOutGoodbye: string;
  /** The caller asked by voice to stop the calls (request_opt_out, not yet confirmed): ask to confirm. */
  optOutAsk: string;
  /** The help key: explain every key, 911 and 988, and that family can help. */
  help(keys: Keypad): string;
  repeat(keys: Keypad): string;
  /** Low-minute warning near the end of a trial. */
  lowMinutes: string;
  /** The trial's minutes are used up mid-call: the cut-off goodbye. */
  minutesGoodbye: string;
  /** `lowMinutes` when the countdown is the family's monthly spending cap. */
  capLowMinutes: string;
  /** `minutesGoodbye` when the family's monthly spending cap is reached. */
  capGoodbye: string;
  toolFiller: string;
  /** Grok was lost and reopened mid-call: say `sentence` (the reconnect apology), then carry on. */
  reconnected(sentence: string): string;
  /** The stream was reconnected and Twilio already apologised: carry on without greeting. */
  resumed: string;
  /** Spoken by Twilio when the model fails; `name` is null when the line is not known yet. */
  apology(name: string | null): string;
}

/** Sentences Twilio speaks (<Say>) when the call is not put through to the AI; each item is one <Say>. */
export interface PhoneCopy {
  /** A number that belongs to no line; said in both languages, since we do not know theirs. */
  unknownCaller: string[];
  /** Trial minutes used up: inbound refusal, or an outbound call answered after they ran out. */
  trialUsedUp(name: string): string[];
  /** A paid account's monthly spending cap is reached: inbound refusal, or an outbound call answered after it. */
  spendingCapReached(name: string): string[];
  /** The account is suspended or cancelled. */
  accountInactive(name: string): string[];
  /** The message left on an answering machine when the line allows it. */
  voicemail(name: string): string[];
  /** Our webhook failed (Twilio's fallback URL). */
  unavailable: string[];
  /** The media stream broke mid-call and we are connecting again; `name` is null when the line is unknown. */
  reconnecting(name: string | null): string[];
}

/** Text messages. */
export interface SmsCopy {
  /**
   * To each trusted contact on a high-tier safety concern. Deliberately generic: the person's name and what
   * to do, never what was said, the model's signals or any memory.
   */
  safetyAlert(personName: string): string;
  /**
   * To each trusted contact (opted in to the high tier) the moment the backstop hears an emergency: what was
   * said in plain words (`safety.emergencySaid`, never the caller's own words) and the line's local time.
   */
  emergencyAlert(personName: string, said: string, localTime: string): string;
  /**
   * To each trusted contact of a line whose phone number was just changed in the app, at the contact's
   * number: a relative could repoint the line to themselves, so the people the person chose hear of it.
   * Only the new number's last digits, never memories.
   */
  numberChanged(personName: string, newNumberEnd: string): string;
}

/** Hints the transcript backstop injects so the model checks in (at most once per tier per call). */
export interface SafetyCopy {
  /** `emergency` tells the model at once to ask if they are hurt and urge 911 or their alert button. */
  hints: Record<SafetyTier, string>;
  /** What an emergency was, in plain words, completing "<name> …" in the family's text. */
  emergencySaid: Record<EmergencyCategory, string>;
  /** What Ultaura did about a safety event, for the family reading it (keyed by the event's action). */
  guidance: Record<SafetyGuidance, string>;
}

/** The kinds of notice a family member may ask for (ultaura_member_notification_settings.kinds, 0038). */
export type NoticeKind = "missed_calls" | "weekly_digest" | "safety" | "billing" | "reminders";

/** The kinds of ultaura_billing_notices (0018). */
export type BillingNoticeKind =
  | "included_minutes_used"
  | "spending_cap_reached"
  | "payment_failed"
  | "account_suspended"
  | "lines_over_plan";

/** How the week's average mood compares with the week before's. */
export type MoodTrend = "up" | "down" | "steady";

/** One account's week, for the digest. `weekOf` is the Monday, written in the copy's locale. */
export interface WeekInNumbers {
  weekOf: string;
  answered: number;
  missed: number;
  minutes: number;
  alerts: number;
  /**
   * The average mood (1–5, one decimal) of the week's calls that recorded one, null when none did; the trend
   * is null too when the week before had none.
   */
  mood: { average: number; trend: MoodTrend | null } | null;
  /** Family messages passed on in the week's calls. */
  messagesDelivered: number;
  /** The week's reminders the person confirmed, and those missed after every retry. */
  remindersAcknowledged: number;
  remindersMissed: number;
}

/**
 * The care circle's texts and in-app alerts (issue 22): what reaches family members and trusted contacts
 * outside a call. Texts end with `stopHint`; replies to STOP and START are plain sentences.
 */
export interface CareCircleCopy {
  /** Each kind's name, as the settings page and a STOP reply name it. */
  kindNames: Record<NoticeKind, string>;
  /** Appended to every notice text: how to stop this kind of text. */
  stopHint: string;
  /**
   * To each member who asked for missed-call notices, when every attempt of a scheduled call went
   * unanswered: the person, the call's local time and how many times it rang.
   */
  missedCall(personName: string, localTime: string, attempts: number): string;
  /** To trusted contacts who opted in, when scheduled calls went unanswered two days in a row. */
  missedTwoDays(personName: string): string;
  /**
   * To members who asked for safety notices, the moment a call raises a high or emergency concern:
   * generic, like the contacts' text — never what was said.
   */
  safetyNotice(personName: string): string;
  /**
   * The morning after a day with medium-tier concerns ("worth a check-in"), to the trusted contacts whose
   * lowest tier is medium or low and to members who asked for safety notices: how many, never what.
   */
  mediumSummary(personName: string, count: number): string;
  /**
   * The weekly digest (to members who asked, and their in-app alert): the week before, Monday to Sunday in
   * the account owner's zone, for all the account's lines. Mood, messages and reminders are said only when
   * the week has them, so the text stays short.
   */
  weeklyDigest(week: WeekInNumbers): string;
  /**
   * To members who asked for billing notices, once per billing notice the account gets (0018): what
   * happened, and that the app's Billing page has the details. Keyed by the notice's kind.
   */
  billingNotice: Record<BillingNoticeKind, string>;
  /** What a STOP stops when we never texted that number: every kind, in `stopped`'s words. */
  allTexts: string;
  /** The reply to a STOP: which kind of text stops, and how to resume. */
  stopped(kindName: string): string;
  /** The reply to START: texts of every kind the number had stopped resume. */
  resumed: string;
}

export interface Copy {
  language: Language;
  /** BCP-47 locale for dates and times, e.g. "en-US". */
  locale: string;
  prompt: PromptCopy;
  call: CallCopy;
  phone: PhoneCopy;
  sms: SmsCopy;
  safety: SafetyCopy;
  refusals: RefusalCopy;
  invites: InviteCopy;
  insights: InsightsCopy;
  careCircle: CareCircleCopy;
  reminders: ReminderCopy;
}

/** What the invitation page shows the invited family member before they accept. */
export interface InviteCopy {
  /**
   * Names who invites (their sign-in e-mail) to which account (its name), e.g. "ana@… invites you to join …";
   * `inviterEmail` is null when the inviter's own sign-in was deleted since.
   */
  invitation(accountName: string, inviterEmail: string | null): string;
}

/**
 * Call insights and family messages (issue 22): words the model reads — when to record a call's insights,
 * that private means private, last call's follow-ups and the family's waiting messages — and the request
 * for a text-only record when the call ended first.
 */
export interface InsightsCopy {
  /** In every call's instructions: record insights before goodbye; never anything private. */
  instructions: string;
  /** Heads the last call's follow-ups in the next call's instructions. */
  followUpsHeading: string;
  /** Heads the family's undelivered messages: pass them on naturally, then report their ids. */
  messagesHeading: string;
  /** One waiting message: who sent it and its words (quoted by the caller of this function). */
  message(ref: string, from: string, quoted: string): string;
  /** Sent to the still-open model session after the call ended first: answer with one JSON object only. */
  fallbackRequest: string;
}

/** What a family member asked about that does not exist for them ("No such line."). */
export type RefusedThing =
  | "account"
  | "line"
  | "schedule"
  | "contact"
  | "call"
  | "memory"
  | "safety_alert"
  | "member"
  | "invite"
  | "alert"
  | "pause"
  | "reminder";

/** What only an account's owner may do. */
export type OwnerAction =
  | "remove_line"
  | "invite_members"
  | "choose_plan"
  | "manage_billing"
  | "set_spending_cap"
  | "pause_lines"
  | "reenable_calls"
  | "change_number"
  | "export_data"
  | "close_account"
  | "call_in_quiet_hours"
  | "resume_paused_line";

/** Which rate limit refused a request. */
export type LimitedAction =
  | "verify_send_per_phone"
  | "verify_send_per_account"
  | "verify_send_per_ip"
  | "verify_send_global"
  | "verify_send_twilio"
  | "verify_check_per_line"
  | "test_call_per_line";

/** Why the dialler did not ring a test call. */
export type TestCallRefusal =
  | "unverified"
  | "opt_out"
  | "line_inactive"
  | "account_inactive"
  | "no_minutes"
  | "over_cap"
  | "quiet_hours"
  | "on_holiday";

/**
 * The family web app's refusals, read by functions/api's one table of refusal codes (`functions/api/refusals.ts`)
 * and shown by the web app as they are.
 */
export interface RefusalCopy {
  notFound(thing: RefusedThing): string;
  noAccount: string;
  accountExists: string;
  ownerOnly(action: OwnerAction): string;
  inviteInvalid: string;
  lineDisabled: string;
  /** The owner asked to remove themselves while no other owner would remain. */
  lastOwner: string;
  /** The plan's name and lines, or null when the plan could not be read. */
  lineLimitReached(plan: { name: string; linesIncluded: number } | null): string;
  /** A line already has the most call times one line may have (0041). */
  scheduleLimitReached(max: number): string;
  /** An account already holds the most people (members and waiting invitations) one may hold (0044). */
  peopleLimitReached(max: number): string;
  phoneInUse: string;
  /** The person at the number asked us to stop calling: no code goes to it. */
  numberOptedOut: string;
  /** The number is outside the countries we call (`allowed`: ISO codes). */
  countryNotAllowed(allowed: readonly string[]): string;
  /** Premium-rate, shared-cost, toll-free or unidentifiable numbers. */
  numberTypeNotAllowed: string;
  /** The line's number changed while a code was being checked. */
  numberChanged: string;
  valueNotAllowed: string;
  invalidCursor: string;
  /** A typed number we cannot call; `field` is the API's field name, `input` what was typed. */
  invalidPhone(field: string, input: string): string;
  phoneUnreachable: string;
  contactExists: string;
  callsNotStopped: string;
  rateLimited(action: LimitedAction, retryAfterSeconds: number): string;
  temporarilyUnavailable: string;
  alreadyVerified: string;
  wrongCode(attemptsLeft: number): string;
  tooManyAttempts: string;
  codeExpired: string;
  verificationUnavailable: string;
  alreadySubscribed: string;
  noBillingAccount: string;
  billingUnavailable: string;
  callFailed: string;
  /** Closing an account was asked without the word DELETE typed exactly. */
  closeConfirmRequired: string;
  testCall(reason: TestCallRefusal, name: string): string;
  /** A code was asked for the member's notification phone before one was saved. */
  notificationPhoneRequired: string;
}

/** What a reminder is about; the family's SMS names the kind, never a voice-set reminder's private text. */
export type ReminderKind = "medication" | "appointment" | "other";

/**
 * Reminders (issue 24): what the person hears when a reminder is given, what the model is told to confirm
 * by voice, and the family's text about a missed one. `time` is already worded for the line's language
 * (e.g. "8 o'clock", "8:30").
 */
export interface ReminderCopy {
  /** A spoken time of day: "8 o'clock", "8:30" ("las 8", "las 8:30"). */
  clock(hour: number, minute: number): string;
  kinds: Record<ReminderKind, string>;
  /**
   * The reminder call's first words (the model says them as written): warm, one sentence, then, when an
   * acknowledgement is asked, "press <ackKey> or say yes" (the key from contracts/keypad.ts).
   */
  callOpening(name: string, time: string, text: string, ackKey: string | null): string;
  /** The model's instruction for a reminder call: say the opening, acknowledge on yes, then chat or say goodbye. */
  callInstructions(opening: string): string;
  /** Told to the model inside a companion call when a reminder falls due during it. */
  inCall(time: string, text: string, requireAck: boolean): string;
  /** Twilio speaks this to an answering machine: no private detail. */
  voicemail(name: string, time: string): string;
  /** The model's next words after the person pressed 1 or said yes. */
  acknowledged: string;
  /** Nothing was waiting to be acknowledged. */
  nothingToAcknowledge: string;
  /** How the model words the reminder tools (added to the instructions on calls that have them). */
  toolsGuide: string;
  /** Confirmations the model speaks back after a tool changed something. */
  set(text: string, when: string): string;
  moved(text: string, when: string): string;
  skipped(text: string): string;
  cancelled(text: string): string;
  /** A reminder the family set may only be moved or skipped once, never cancelled by voice. */
  familyOnly(text: string): string;
  none: string;
  notFound: string;
  /** "every day", "on Monday and Thursday", "once, on 2026-12-08". */
  daily: string;
  weekdays(days: string[]): string;
  dayNames: readonly [string, string, string, string, string, string, string];
  once(date: string): string;
  /** The family's text after the last attempt was missed; `text` only when the family wrote it. */
  missedSms(name: string, kind: string, time: string, text: string | null): string;
}
