/**
 * Wall-clock time in an IANA zone from `Intl` alone (no Temporal, no tz database of our own), so the same
 * code runs on Deno, Node and workerd. Instants are `Date`s; local dates are plain {year, month, day}.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading in `timeZone` at `instant`. Throws RangeError for an unknown zone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const key = `${timeZone}|${instant.getTime()}`;
  const known = readings.get(key);
  if (known) return { ...known };
  if (readings.size >= RESOLVED_LIMIT) readings.clear();
  const reading = readWallClock(instant, timeZone);
  readings.set(key, reading);
  return { ...reading };
}

const readings = new Map<string, LocalDateTime>();

function readWallClock(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: (parts.hour as number) % 24,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
export function offsetMs(instant: Date, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return asUtc - wholeSeconds;
}

/** Day of week of a local date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** "HH:MM" or "HH:MM:SS" (Postgres `time`) → minutes and seconds since midnight. */
export function parseTimeOfDay(text: string): { hour: number; minute: number; second: number } {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) throw new RangeError(`not a time of day: ${text}`);
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`not a time of day: ${text}`);
  return { hour, minute, second };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The instant a local wall-clock time happens in `timeZone`. A time that happens twice (fall-back
 * overlap) resolves to the first; a time that never happens (spring-forward gap) resolves to the first
 * valid minute after the gap, i.e. the transition instant itself.
 */
export function zonedInstant(local: LocalDateTime, timeZone: string): Date {
  const key = `${timeZone}|${local.year}-${local.month}-${local.day}T${local.hour}:${local.minute}:${local.second}`;
  const known = resolved.get(key);
  if (known !== undefined) return new Date(known);
  if (resolved.size >= RESOLVED_LIMIT) resolved.clear();
  const instant = resolveWallTime(local, timeZone);
  resolved.set(key, instant.getTime());
  return instant;
}

// Pure and hot (every claimed schedule resolves the same few local times): memoised, bounded.
const resolved = new Map<string, number>();
const RESOLVED_LIMIT = 10_000;

function resolveWallTime(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const offsets = new Set([
    offsetMs(new Date(wall - DAY), timeZone),
    offsetMs(new Date(wall), timeZone),
    offsetMs(new Date(wall + DAY), timeZone),
  ]);
  const valid = [...offsets]
    .map((offset) => wall - offset)
    .filter((utc) => offsetMs(new Date(utc), timeZone) === wall - utc)
    .sort((a, b) => a - b);
  if (valid.length > 0) return new Date(valid[0] as number);
  // In a gap: the transition lies between the readings under the larger and the smaller offset.
  const sorted = [...offsets].sort((a, b) => a - b);
  const after = offsetMs(new Date(wall - (sorted[0] as number)), timeZone);
  let low = wall - (sorted.at(-1) as number);
  let high = wall - (sorted[0] as number);
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetMs(new Date(middle), timeZone) === after) high = middle;
    else low = middle;
  }
  return new Date(high);
}
