import type { ReminderCopy } from "./types.ts";

/** English words of reminders (issue 24). */
export const remindersEn: ReminderCopy = {
  clock(hour, minute) {
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    return minute === 0 ? `${h12} o'clock` : `${h12}:${String(minute).padStart(2, "0")}`;
  },
  kinds: { medication: "medication", appointment: "appointment", other: "reminder" },
  callOpening: (name, time, text, ackKey) =>
    `Hello ${name}, this is Ultaura with your ${time} reminder: ${text}.` +
    (ackKey ? ` Press ${ackKey} or say yes when you have.` : ""),
  callInstructions: (opening) =>
    "This is a short reminder call, not a regular chat. Begin by saying exactly, warmly and slowly: " +
    `"${opening}" When they say yes, that they have done it or will now, call acknowledge_reminder and ` +
    "thank them. If they want to talk on, talk with them as usual; otherwise say a short goodbye. If they " +
    "say not now, offer to call back later (move_reminder).",
  inCall: (time, text, requireAck) =>
    `A reminder is due now: their ${time} reminder, "${text}". At a natural pause, gently remind them in ` +
    "one warm sentence" +
    (requireAck
      ? ", and ask them to say yes when they have done it; when they confirm, call acknowledge_reminder."
      : "."),
  voicemail: (name, time) =>
    `Hello ${name}, this is Ultaura with your ${time} reminder. We will try you again soon. Goodbye.`,
  acknowledged:
    "They confirmed the reminder (they pressed the key). Thank them warmly in one short sentence and ask if they " +
    "would like to chat for a moment; if not, say goodbye.",
  nothingToAcknowledge: "There is no reminder waiting to be confirmed right now.",
  toolsGuide:
    "Reminders: when they ask you to remind them of something, call set_reminder, then read it back in " +
    "plain words. list_reminders tells you their reminders; move_reminder snoozes or moves the next one " +
    "(or skips it once); cancel_reminder removes one of their own. Reminders their family set can only be " +
    "moved or skipped once, never cancelled by phone.",
  set: (text, when) => `Done: I will remind you to ${text} ${when}.`,
  moved: (text, when) => `All right: I will remind you to ${text} ${when}.`,
  skipped: (text) => `All right: I will skip the next reminder to ${text}, just this once.`,
  cancelled: (text) => `Done: the reminder to ${text} is cancelled.`,
  familyOnly: (text) =>
    `The reminder to ${text} was set by your family, so I cannot cancel it by phone; I can move it or skip it once.`,
  none: "You have no reminders set at the moment.",
  notFound: "I could not find that reminder. Ask which one they mean, or list their reminders.",
  daily: "every day",
  weekdays: (days) =>
    `every ${days.length > 1 ? `${days.slice(0, -1).join(", ")} and ${days[days.length - 1]}` : days[0]}`,
  dayNames: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  once: (date) => `on ${date}`,
  missedSms: (name, kind, time, text) =>
    `Ultaura: ${name} did not confirm the ${time} ${kind} reminder` +
    (text ? ` ("${text}")` : "") +
    " after every attempt. You may want to check in with them.",
};
