import { inQuietHours, type QuietHours, quietHoursEnd } from "./quiet-hours.ts";
import { parseTimeOfDay } from "./zoned-time.ts";

/**
 * The deployment's calling-hours floor: the local window (in the line's zone) outside which nobody is rung,
 * whatever the line's quiet hours say and whoever presses "Call now". Start = end means no floor (the e2e
 * stack, which runs at wall-clock time).
 */
export interface CallingHours {
  /** Local "HH:MM": calls may start from here… */
  start: string;
  /** …until here (exclusive). */
  end: string;
}

export const DEFAULT_CALLING_HOURS: CallingHours = { start: "08:00", end: "21:00" };

/** "08:00-21:00" → the window; throws RangeError on anything else. */
export function parseCallingHours(text: string): CallingHours {
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) throw new RangeError(`not a window "HH:MM-HH:MM": ${text}`);
  parseTimeOfDay(match[1]);
  parseTimeOfDay(match[2]);
  return { start: match[1], end: match[2] };
}

/** The floor's night: the hours outside the calling window, as a quiet window. */
function floorNight(floor: CallingHours): QuietHours {
  return { start: floor.end, end: floor.start };
}

/** Whether `instant` is outside the floor's window in the zone (no setting can allow a call then). */
export function outsideCallingHours(floor: CallingHours, timeZone: string, instant: Date): boolean {
  return inQuietHours(floorNight(floor), timeZone, instant);
}

/**
 * The first instant at or after `instant` that is inside the floor's window and outside the line's quiet
 * hours (if any). Each step moves to the end of one window; two windows settle within a few steps.
 */
export function nextCallableInstant(
  floor: CallingHours,
  quietHours: QuietHours | null,
  timeZone: string,
  instant: Date,
): Date {
  let at = instant;
  for (let step = 0; step < 4; step++) {
    const next = quietHoursEnd(quietHours, timeZone, quietHoursEnd(floorNight(floor), timeZone, at));
    if (next.getTime() === at.getTime()) return at;
    at = next;
  }
  return at;
}
