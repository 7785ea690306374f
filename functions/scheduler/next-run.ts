import {
  addDays,
  dayOfWeek,
  localDateTime,
  parseTimeOfDay,
  zonedInstant,
} from "../_shared/domain/scheduling/zoned-time.ts";

export interface ScheduleTiming {
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: readonly number[];
  /** Local "HH:MM" or "HH:MM:SS". */
  timeOfDay: string;
  /** IANA zone the time is read in. */
  timezone: string;
}

/**
 * The first instant strictly after `after` that is one of the days at the time of day in the zone.
 * A time skipped by a spring-forward gap runs at the first valid minute after the gap; a time that
 * happens twice in a fall-back overlap runs once, at its first occurrence.
 */
export function nextRunAt(timing: ScheduleTiming, after: Date): Date {
  const days = new Set(timing.daysOfWeek);
  if (days.size === 0) throw new RangeError("a schedule needs at least one day");
  const time = parseTimeOfDay(timing.timeOfDay);
  const today = localDateTime(after, timing.timezone);
  for (let offset = 0; offset <= 8; offset++) {
    const date = addDays(today, offset);
    if (!days.has(dayOfWeek(date))) continue;
    const candidate = zonedInstant({ ...date, ...time }, timing.timezone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error("unreachable: every week has each day");
}
