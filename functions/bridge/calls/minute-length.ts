import type { MinutesStatus } from "../../_shared/contracts/bridge.ts";

/**
 * The bridge's countdown on a shorter minute, for tests only: with `minuteSeconds` 5 a trial with one
 * minute left is cut off after 5 s instead of 60 s. Production runs on 60 (the default), which changes
 * nothing. Only the countdown the Worker sees is scaled; metering and billing keep real seconds.
 */
export const REAL_MINUTE_SECONDS = 60;

export function onMinuteOf(status: MinutesStatus, minuteSeconds: number): MinutesStatus {
  if (minuteSeconds === REAL_MINUTE_SECONDS || status.secondsRemaining === null) return status;
  const scaled = Math.ceil((status.secondsRemaining * minuteSeconds) / REAL_MINUTE_SECONDS);
  return { ...status, secondsRemaining: scaled };
}
