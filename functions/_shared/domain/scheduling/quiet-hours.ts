import { addDays, localDateTime, parseTimeOfDay, zonedInstant } from "./zoned-time.ts";

export interface QuietHours {
  /** Local "HH:MM[:SS]"; the window starts here… */
  start: string;
  /** …and ends here (exclusive). start > end wraps midnight; start = end is an empty window. */
  end: string;
}

function secondsOfDay(text: string): number {
  const { hour, minute, second } = parseTimeOfDay(text);
  return hour * 3600 + minute * 60 + second;
}

/** Whether a local time of day (seconds since midnight) falls in the window. */
export function inQuietWindow(window: QuietHours, localSeconds: number): boolean {
  const start = secondsOfDay(window.start);
  const end = secondsOfDay(window.end);
  if (start === end) return false;
  return start < end
    ? localSeconds >= start && localSeconds < end
    : localSeconds >= start || localSeconds < end;
}

/** Whether `instant` falls in the line's quiet hours in its zone. No window set → never quiet. */
export function inQuietHours(window: QuietHours | null, timeZone: string, instant: Date): boolean {
  if (!window) return false;
  const local = localDateTime(instant, timeZone);
  return inQuietWindow(window, local.hour * 3600 + local.minute * 60 + local.second);
}

/** The first instant at or after `instant` outside quiet hours (the window's end, in the zone). */
export function quietHoursEnd(window: QuietHours | null, timeZone: string, instant: Date): Date {
  if (!inQuietHours(window, timeZone, instant) || !window) return instant;
  const local = localDateTime(instant, timeZone);
  const end = parseTimeOfDay(window.end);
  const endSeconds = end.hour * 3600 + end.minute * 60 + end.second;
  const nowSeconds = local.hour * 3600 + local.minute * 60 + local.second;
  const date = nowSeconds < endSeconds ? local : addDays(local, 1);
  return zonedInstant({ year: date.year, month: date.month, day: date.day, ...end }, timeZone);
}
