import type { ReminderCopy } from "../copy/types.ts";
import {
  addDays,
  dayOfWeek,
  type LocalDateTime,
  localDateTime,
  parseTimeOfDay,
  zonedInstant,
} from "../scheduling/zoned-time.ts";

/** When a reminder is due: once at a local date and time, or on days of the week at up to six times. */
export type ReminderTiming =
  | { once: string; timezone: string }
  | { daysOfWeek: readonly number[]; times: readonly string[]; timezone: string };

/** "YYYY-MM-DDTHH:MM" → its local parts. */
export function parseLocalDateTime(text: string): LocalDateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(text);
  if (!match) throw new RangeError(`not a local date and time: ${text}`);
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  return {
    year: year as number,
    month: month as number,
    day: day as number,
    hour: hour as number,
    minute: minute as number,
    second: 0,
  };
}

/**
 * The first instant strictly after `after` the reminder is due, or null when a once-only reminder has
 * passed. Local times are read in the reminder's zone the way schedules read them (a time in a
 * spring-forward gap at the gap's end, a time in a fall-back overlap at its first occurrence), so the
 * scheduler and the database's `ultaura_reminder_next_due` (0039) agree.
 */
export function nextDueAt(timing: ReminderTiming, after: Date): Date | null {
  if ("once" in timing) {
    const at = zonedInstant(parseLocalDateTime(timing.once), timing.timezone);
    return at.getTime() > after.getTime() ? at : null;
  }
  const days = new Set(timing.daysOfWeek);
  const today = localDateTime(after, timing.timezone);
  let best: Date | null = null;
  for (let offset = 0; offset <= 8 && best === null; offset++) {
    const date = addDays(today, offset);
    if (!days.has(dayOfWeek(date))) continue;
    for (const time of timing.times) {
      const candidate = zonedInstant({ ...date, ...parseTimeOfDay(time) }, timing.timezone);
      if (candidate.getTime() > after.getTime() && (best === null || candidate < best)) best = candidate;
    }
  }
  return best;
}

/** The reminder's time of day as the person hears it ("8 o'clock"), read in the zone. */
export function spokenClock(copy: ReminderCopy, instant: Date, timezone: string): string {
  const local = localDateTime(instant, timezone);
  return copy.clock(local.hour, local.minute);
}

/** "at 8 o'clock every Monday and Thursday", "at 8 o'clock on 2026-12-08": how a tool confirms a timing. */
export function describeTiming(copy: ReminderCopy, timing: ReminderTiming): string {
  if ("once" in timing) {
    const local = parseLocalDateTime(timing.once);
    const date = `${local.year}-${String(local.month).padStart(2, "0")}-${String(local.day).padStart(2, "0")}`;
    return `${copy.clock(local.hour, local.minute)}, ${copy.once(date)}`;
  }
  const times = timing.times.map((t) => {
    const { hour, minute } = parseTimeOfDay(t);
    return copy.clock(hour, minute);
  });
  const days =
    timing.daysOfWeek.length === 7
      ? copy.daily
      : copy.weekdays([...timing.daysOfWeek].sort().map((d) => copy.dayNames[d] ?? ""));
  return `${times.join(", ")}, ${days}`;
}

/** "YYYY-MM-DD HH:MM" as a clock in `timezone` shows `instant`. */
export function wallTime(instant: Date, timezone: string): string {
  const l = localDateTime(instant, timezone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${l.year}-${two(l.month)}-${two(l.day)} ${two(l.hour)}:${two(l.minute)}`;
}
