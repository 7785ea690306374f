/**
 * The clock and timers a simulator runs on. Real timers by default; a test injects a manual one
 * (tests/support/manual-scheduler.ts) to move time itself instead of sleeping.
 */
export type TimerId = { readonly timer: unknown };

export interface Scheduler {
  /** Milliseconds since the epoch, with fractions (monotonic for the real scheduler). */
  now(): number;
  setTimeout(run: () => void, ms: number): TimerId;
  setInterval(run: () => void, ms: number): TimerId;
  /** Clears a timeout or an interval; clearing one that already ran is a no-op. */
  clear(timer: TimerId): void;
}

type NodeTimer = ReturnType<typeof setTimeout>;

export const realScheduler: Scheduler = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (run, ms) => ({ timer: setTimeout(run, ms) }),
  setInterval: (run, ms) => ({ timer: setInterval(run, ms) }),
  clear: (id) => clearTimeout(id.timer as NodeTimer),
};

/** Resolves after `ms` on `scheduler`'s clock. */
export function delay(scheduler: Scheduler, ms: number): Promise<void> {
  return new Promise((resolve) => scheduler.setTimeout(resolve, ms));
}
