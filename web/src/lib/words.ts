import type { Call, CallOutcome, CallStatus, Line } from "../api/types.ts";

/** How the app names a loved one: the name the family gave, never "the user" or "line 1". */
export const nameOf = (line: Pick<Line, "displayName">) => line.displayName;

export function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

const OUTCOMES: Record<CallOutcome, string> = {
  answered: "Talked",
  in_progress: "Talking now",
  no_answer: "No answer",
  busy: "Line busy",
  failed: "Call didn't go through",
  canceled: "Cancelled",
  voicemail: "Left a voicemail",
};

export function callOutcome(call: Pick<Call, "outcome">): string {
  return OUTCOMES[call.outcome];
}

/** A call's status as it is followed live (the test call); `live` until Twilio reports a final status. */
const STATUSES: Record<CallStatus, { label: string; live: boolean }> = {
  created: { label: "Calling…", live: true },
  queued: { label: "Calling…", live: true },
  initiated: { label: "Calling…", live: true },
  ringing: { label: "Ringing…", live: true },
  in_progress: { label: "Talking…", live: true },
  completed: { label: "Call ended", live: false },
  no_answer: { label: "No answer. Try again later, or check the number.", live: false },
  busy: { label: "The line was busy. Try again in a few minutes.", live: false },
  failed: { label: "The call didn't go through.", live: false },
  canceled: { label: "The call didn't go through.", live: false },
};

export function callStatus(call: Pick<Call, "status">): string {
  return STATUSES[call.status].label;
}

export function isLive(call: Pick<Call, "status">): boolean {
  return STATUSES[call.status].live;
}

export function endReason(reason: string | null): string {
  if (!reason) return "";
  const words: Record<string, string> = {
    caller_hangup: "they hung up",
    callee_hangup: "they hung up",
    assistant_goodbye: "said goodbye",
    minutes_exhausted: "minutes ran out",
    trial_exhausted: "trial minutes ran out",
    opt_out: "asked not to be called",
    error: "a technical problem",
    no_answer: "no answer",
    voicemail: "voicemail",
  };
  return words[reason] ?? reason.replaceAll("_", " ");
}

export const LANGUAGES = [
  { value: "en-US", label: "English" },
  { value: "es-US", label: "Spanish (Español)" },
] as const;

/**
 * The lowest alert that reaches a trusted contact; every more serious one reaches them too. Each label says
 * exactly what the scheduler and the safety path do with that choice (functions/scheduler, 0038).
 */
export const TIERS = [
  {
    value: "emergency",
    label: "Emergencies only",
    hint: "A fall, chest pain, trouble breathing: texted at once.",
  },
  {
    value: "high",
    label: "Urgent concerns and emergencies",
    hint: "Also talk of self-harm or a crisis: each texted at once.",
  },
  {
    value: "medium",
    label: "Also worrying moments",
    hint: "Moments worth a check-in come in one summary text the next morning, at most one a day.",
  },
  {
    value: "low",
    label: "Everything, including gentle notes",
    hint: "Gentle notes, such as loneliness, are never texted: the family sees them in the weekly summary.",
  },
] as const;

/** The contact's choice in a few words, for their row. */
export function tierSummary(tier: string): string {
  return TIERS.find((t) => t.value === tier)?.label.toLowerCase() ?? tier;
}

/** "+15555550180" → "(555) 555-0180"; other countries as stored. */
export function formatPhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}

const RUN_REASONS: Record<string, string> = {
  no_answer: "no answer",
  busy: "the line was busy",
  failed: "the call didn't go through",
  voicemail: "reached voicemail",
  completed: "talked",
  skipped_quiet_hours: "not placed: inside quiet hours",
  skipped_opt_out: "not placed: they asked not to be called",
  skipped_no_minutes: "not placed: no minutes left",
  skipped_unverified: "not placed: the phone needs verifying",
  skipped_over_cap: "not placed: the spending limit was reached",
  skipped_line_inactive: "not placed: calls are paused",
  skipped_account_inactive: "not placed: the account is not active",
  skipped_paused: "not placed: a planned pause",
};

/** A scheduled call's result in plain words: "Missed — no answer", "Not placed: inside quiet hours". */
export function runResult(run: { outcome: string | null; reason: string | null; state: string }): string {
  const why = run.reason ? (RUN_REASONS[run.reason] ?? run.reason.replaceAll("_", " ")) : "";
  switch (run.outcome) {
    case "reached":
      return "Talked";
    case "retrying":
      return `Trying again${why ? ` (${why})` : ""}`;
    case "missed":
      return `Missed${why ? ` — ${why}` : ""}`;
    case "skipped":
      return why ? why.charAt(0).toUpperCase() + why.slice(1) : "Not placed";
    default:
      return run.state === "pending" ? "Coming up" : "Calling…";
  }
}

/** The kinds of notice a member may ask for, in the settings page's order, and what each one is. */
export const NOTICE_KINDS = [
  { value: "missed_calls", label: "Missed calls", hint: "When every try of a planned call goes unanswered." },
  {
    value: "safety",
    label: "Safety",
    hint: "At once for urgent concerns; worrying moments the next morning.",
  },
  {
    value: "weekly_digest",
    label: "Weekly summary",
    hint: "Monday at 8 a.m. in the account owner's time zone: last week's calls answered and missed, minutes, alerts.",
  },
  {
    value: "billing",
    label: "Billing",
    hint: "A failed payment, included minutes used up, the spending limit reached.",
  },
  { value: "reminders", label: "Reminders", hint: "When a reminder was not heard (coming with reminders)." },
] as const;

/** What became of an alert's text message. */
export const ALERT_SMS: Record<string, string> = {
  none: "in the app only",
  pending: "text on its way",
  sent: "texted",
  failed: "text not delivered",
  opted_out: "not texted: you replied STOP",
};
