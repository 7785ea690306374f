import type { Usage } from "../api/types.ts";

export const DAY_S = 86_400;

/** Every day of the cycle so far (UTC dates, as the API groups them), with its minutes or 0. */
export function cycleDays(
  perDay: Usage["perDay"],
  cycleStart: string,
  today = new Date(),
): [number[], number[]] {
  const minutes = new Map(perDay.map((d) => [d.date, d.minutes]));
  const first = Date.parse(`${cycleStart.slice(0, 10)}T12:00:00Z`) / 1000;
  const last = Date.parse(`${today.toISOString().slice(0, 10)}T12:00:00Z`) / 1000;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = first; t <= Math.max(first, last); t += DAY_S) {
    xs.push(t);
    ys.push(minutes.get(new Date(t * 1000).toISOString().slice(0, 10)) ?? 0);
  }
  return [xs, ys];
}
