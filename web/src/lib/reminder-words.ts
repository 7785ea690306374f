import type { Reminder, ReminderOccurrence } from "../api/types.ts";
import { describeDays, formatLocalTime } from "./time.ts";

/** How the family reads a reminder's kind, timing and occurrences on the line page (issue 24). */
export const REMINDER_KINDS = {
  medication: "Medication",
  appointment: "Appointment",
  other: "Other",
} as const;

export function describeWhen(reminder: Pick<Reminder, "once" | "daysOfWeek" | "times">): string {
  if (reminder.once) {
    const [date = "", time = ""] = reminder.once.split("T");
    const day = new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", {
      timeZone: "UTC",
      weekday: "short",
      month: "short",
      day: "numeric",
    });
    return `Once, ${day} at ${formatLocalTime(time)}`;
  }
  const times = (reminder.times ?? []).map(formatLocalTime).join(", ");
  return `${describeDays(reminder.daysOfWeek ?? [])} at ${times}`;
}

export function occurrenceWords(o: ReminderOccurrence): string {
  const inCall = o.givenInCall ? " (in a call)" : "";
  switch (o.state) {
    case "acknowledged":
      return `Acknowledged${o.acknowledgedBy === "keypad" ? " (pressed 1)" : " (said yes)"}${inCall}`;
    case "delivered":
      return `Given${inCall}`;
    case "missed":
      return `Missed after ${o.attempts} ${o.attempts === 1 ? "try" : "tries"} — family told`;
    case "skipped":
      return o.result === "skipped_quiet_hours"
        ? "Not called: quiet hours"
        : o.result === "skipped_opt_out"
          ? "Not called: calls are stopped"
          : "Not called";
    case "pending":
      return o.attempts > 0 ? `Trying again (${o.attempts} so far)` : "Waiting";
    default:
      return `Calling now${inCall}`;
  }
}
