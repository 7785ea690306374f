import { z } from "zod";
import {
  findReminder,
  insertReminder,
  listReminders,
  timingOf,
} from "../../_shared/domain/reminders/store.ts";
import {
  describeTiming,
  type ReminderTiming,
  spokenClock,
  wallTime,
} from "../../_shared/domain/reminders/timing.ts";
import { findLineReminder, lineWords, reminderRef } from "./reminder-target.ts";
import { defineTool, refusal } from "./tool.ts";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour, local time");

export const setReminder = defineTool({
  name: "set_reminder",
  description:
    "Set a reminder the person asked for ('remind me to take my pills at eight'). Ultaura will phone them at " +
    "that local time (or remind them in a call). Give a date for a one-time reminder, days of the week for " +
    "a repeating one, neither for every day. Then read the confirmation back to them.",
  args: z.object({
    text: z
      .string()
      .trim()
      .min(2)
      .max(120)
      .describe("What to remind them of, in their words: 'take your pills'"),
    kind: z.enum(["medication", "appointment", "other"]).default("other"),
    time: hhmm.describe("Local time, e.g. 08:00"),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe("YYYY-MM-DD for a one-time reminder"),
    daysOfWeek: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional().describe("0 = Sunday"),
  }),
  async handle({ db }, session, args) {
    return db.asService(async (tx) => {
      const { copy, timezone } = await lineWords(tx, session);
      const timing: ReminderTiming = args.date
        ? { once: `${args.date}T${args.time}`, timezone }
        : { daysOfWeek: args.daysOfWeek ?? [0, 1, 2, 3, 4, 5, 6], times: [args.time], timezone };
      const id = await insertReminder(
        tx,
        { accountId: session.accountId, lineId: session.lineId, timezone },
        {
          text: args.text,
          kind: args.kind,
          ...("once" in timing
            ? { once: timing.once }
            : { daysOfWeek: [...timing.daysOfWeek], times: [args.time] }),
        },
        "voice",
      );
      const row = await findReminder(tx, id);
      if (!row?.next_due_at) {
        await tx`delete from public.ultaura_reminders where id = ${id}`;
        return refusal("invalid_arguments", "That time has already passed; ask them for a time still ahead.");
      }
      return {
        output: {
          ok: true,
          reminderId: reminderRef(id),
          say: copy.set(args.text, describeTiming(copy, timing)),
        },
      };
    });
  },
});

export const listRemindersTool = defineTool({
  name: "list_reminders",
  description: "The person's reminders, with when each comes next and whether their family set it.",
  args: z.object({}),
  async handle({ db }, session) {
    return db.asService(async (tx) => {
      const { copy } = await lineWords(tx, session);
      const rows = (await listReminders(tx, session.lineId)).filter((r) => !r.paused);
      if (rows.length === 0) return { output: { ok: true, reminders: [], say: copy.none } };
      return {
        output: {
          ok: true,
          reminders: rows.map((r) => ({
            reminderId: reminderRef(r.id),
            text: r.text,
            when: describeTiming(copy, timingOf(r)),
            next: r.next_due_at ? wallTime(r.next_due_at, r.timezone) : null,
            setByFamily: r.set_by === "family",
          })),
        },
      };
    });
  },
});

export const moveReminder = defineTool({
  name: "move_reminder",
  description:
    "Snooze or move the next time of one reminder ('not now, in half an hour'; 'make it nine tonight'), " +
    "or skip it once. Works for every reminder, their family's too. Confirm back in plain words.",
  args: z.object({
    reminderId: z.string().describe("The reminder's id from list_reminders or the call's instructions"),
    inMinutes: z
      .number()
      .int()
      .min(5)
      .max(720)
      .optional()
      .describe("Snooze: remind again in this many minutes"),
    at: hhmm.optional().describe("Move the next one to this local time today (or tomorrow if passed)"),
    skip: z.boolean().optional().describe("Skip the next one, just this once"),
  }),
  async handle({ db, now }, session, args) {
    return db.asService(async (tx) => {
      const { copy, timezone } = await lineWords(tx, session);
      const reminder = await findLineReminder(tx, session, args.reminderId);
      if (!reminder) return refusal("not_found", copy.notFound);
      const current = now();
      if (args.skip) {
        await tx`
          update public.ultaura_reminders set next_due_at =
            public.ultaura_reminder_next_due(once_local, days_of_week, times, timezone, next_due_at)
          where id = ${reminder.id} and next_due_at is not null`;
        return { output: { ok: true, say: copy.skipped(reminder.text) } };
      }
      let at: Date;
      if (args.inMinutes !== undefined) at = new Date(current.getTime() + args.inMinutes * 60_000);
      else if (args.at !== undefined) {
        const [row] = await tx<{ at: Date }[]>`
          select public.ultaura_schedule_next_run('{0,1,2,3,4,5,6}', ${args.at}::time, ${timezone}, ${current}) as at`;
        at = row?.at as Date;
      } else return refusal("invalid_arguments", "Give inMinutes, at, or skip.");
      // The occurrence being given now (in this call) is moved; otherwise the reminder's next time is.
      const moved = await tx`
        update public.ultaura_reminder_occurrences set state = 'pending', due_at = ${at}, result = 'snoozed',
          call_session_id = null, claimed_at = null
        where reminder_id = ${reminder.id} and call_session_id = ${session.id} and state in ('calling', 'in_call')
        returning id`;
      if (moved.length === 0) {
        await tx`update public.ultaura_reminders set next_due_at = ${at} where id = ${reminder.id}`;
      }
      const when = spokenClock(copy, at, timezone);
      return { output: { ok: true, say: copy.moved(reminder.text, when) } };
    });
  },
});

export const cancelReminder = defineTool({
  name: "cancel_reminder",
  description:
    "Cancel one of the person's own reminders when they ask. A reminder their family set cannot be " +
    "cancelled by phone (offer to move or skip it once instead).",
  args: z.object({ reminderId: z.string() }),
  async handle({ db }, session, args) {
    return db.asService(async (tx) => {
      const { copy } = await lineWords(tx, session);
      const reminder = await findLineReminder(tx, session, args.reminderId);
      if (!reminder) return refusal("not_found", copy.notFound);
      if (reminder.set_by === "family") return refusal("not_allowed", copy.familyOnly(reminder.text));
      await tx`delete from public.ultaura_reminders where id = ${reminder.id} and set_by = 'voice'`;
      return { output: { ok: true, say: copy.cancelled(reminder.text) } };
    });
  },
});
