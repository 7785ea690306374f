/**
 * Five-field cron (minute hour day-of-month month day-of-week), evaluated in UTC as QStash does: `*`,
 * numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, comma lists. When both day fields are restricted a day
 * matches either (classic cron).
 */

export class CronError extends Error {
  override name = "CronError";
}

export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number> | null;
  months: Set<number>;
  daysOfWeek: Set<number> | null;
}

const FIELDS: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(text: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new CronError(`bad cron field "${text}"`);
    const from = match[1] === "*" ? min : Number(match[2]);
    const to = match[1] === "*" ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    const step = match[4] ? Number(match[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new CronError(`bad cron field "${text}"`);
    for (let value = from; value <= to; value += step) values.add(value === 7 && max === 6 ? 0 : value);
  }
  return values;
}

export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronError(`cron needs 5 fields, got "${expression}"`);
  const [minute, hour, dom, month, dow] = fields.map((field, i) =>
    parseField(field, FIELDS[i] as [number, number]),
  );
  return {
    minutes: minute as Set<number>,
    hours: hour as Set<number>,
    daysOfMonth: fields[2] === "*" ? null : (dom as Set<number>),
    months: month as Set<number>,
    daysOfWeek: fields[4] === "*" ? null : (dow as Set<number>),
  };
}

/** Whether the minute containing `at` (UTC) is one the cron fires on. */
export function cronMatches(cron: Cron, at: Date): boolean {
  if (!cron.minutes.has(at.getUTCMinutes()) || !cron.hours.has(at.getUTCHours())) return false;
  if (!cron.months.has(at.getUTCMonth() + 1)) return false;
  const dom = cron.daysOfMonth?.has(at.getUTCDate());
  const dow = cron.daysOfWeek?.has(at.getUTCDay());
  if (dom === undefined && dow === undefined) return true;
  if (dom === undefined) return dow === true;
  if (dow === undefined) return dom;
  return dom || dow === true;
}
