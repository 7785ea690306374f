/** Times shown to families: in the loved one's own zone, naming it when it is not the viewer's. */

export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "America/Los_Angeles" → "Los Angeles". */
export function zoneCity(zone: string): string {
  return (zone.split("/").pop() ?? zone).replaceAll("_", " ");
}

export function formatDayTime(iso: string, zone: string, now = new Date()): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
  const day = dayLabel(date, zone, now);
  return `${day} ${time}`;
}

function dayKey(date: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

function dayLabel(date: Date, zone: string, now: Date): string {
  const target = dayKey(date, zone);
  if (target === dayKey(now, zone)) return "today";
  if (target === dayKey(new Date(now.getTime() + 86_400_000), zone)) return "tomorrow";
  if (target === dayKey(new Date(now.getTime() - 86_400_000), zone)) return "yesterday";
  return new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(date);
}

/** "tomorrow 10:00 AM in Los Angeles — 1:00 PM your time", or just the time when the zones agree. */
export function lineTime(iso: string, lineZone: string, viewerZone = viewerTimeZone()): string {
  const there = formatDayTime(iso, lineZone);
  if (sameOffset(iso, lineZone, viewerZone)) return there;
  const here = new Intl.DateTimeFormat("en-US", {
    timeZone: viewerZone,
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(iso));
  return `${there} in ${zoneCity(lineZone)} — ${here} your time`;
}

function sameOffset(iso: string, a: string, b: string): boolean {
  const fmt = (zone: string) =>
    new Intl.DateTimeFormat("en-US", { timeZone: zone, dateStyle: "short", timeStyle: "short" }).format(
      new Date(iso),
    );
  return fmt(a) === fmt(b);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} min`;
}

export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const DAY_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function describeDays(days: number[]): string {
  const sorted = [...days].sort();
  if (sorted.length === 7) return "Every day";
  if (sorted.join() === "1,2,3,4,5") return "Weekdays";
  if (sorted.join() === "0,6") return "Weekends";
  return sorted.map((d) => DAY_SHORT[d]).join(", ");
}

/** "14:30" → "2:30 PM". */
export function formatLocalTime(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  const suffix = h >= 12 ? "PM" : "AM";
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, "0")} ${suffix}`;
}

/** The zones a family is most likely to need, plus the browser's own. */
export function timeZoneOptions(current?: string): string[] {
  const common = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
  ];
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const extra = [viewerTimeZone(), current].filter((z): z is string => !!z && !common.includes(z));
  return [...common, ...extra, ...all.filter((z) => !common.includes(z) && !extra.includes(z))];
}
