import type { Scheduler, TimerId } from "../../simulators/scheduler.ts";

interface Pending {
  id: TimerId;
  dueAt: number;
  everyMs: number | null;
  run: () => void;
}

/**
 * A scheduler whose clock moves only when the test says: a simulator given one sends nothing on its own,
 * so a test can move time past a window and know exactly what the window could have produced.
 */
export class ManualScheduler implements Scheduler {
  private at: number;
  private readonly pending: Pending[] = [];

  constructor(startMs = Date.UTC(2026, 0, 5, 15, 0, 0)) {
    this.at = startMs;
  }

  now(): number {
    return this.at;
  }

  setTimeout(run: () => void, ms: number): TimerId {
    return this.add(run, ms, null);
  }

  setInterval(run: () => void, ms: number): TimerId {
    return this.add(run, ms, Math.max(1, ms));
  }

  clear(id: TimerId): void {
    const index = this.pending.findIndex((p) => p.id === id);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** Timers waiting to run. */
  get size(): number {
    return this.pending.length;
  }

  /**
   * Moves the clock forward by `ms`, running every timer that comes due on the way, in order, each at its
   * own instant. Between timers it lets pending promise callbacks and I/O run, so work a timer starts (and
   * the timers that work sets) happens before the clock moves on.
   */
  async advance(ms: number): Promise<void> {
    const until = this.at + ms;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const next = this.pending.reduce<Pending | null>((a, p) => (a && a.dueAt <= p.dueAt ? a : p), null);
      if (!next || next.dueAt > until) break;
      this.at = Math.max(this.at, next.dueAt);
      if (next.everyMs === null) this.clear(next.id);
      else next.dueAt += next.everyMs;
      next.run();
    }
    this.at = until;
  }

  private add(run: () => void, ms: number, everyMs: number | null): TimerId {
    const id: TimerId = { timer: Symbol("manual timer") };
    this.pending.push({ id, dueAt: this.at + Math.max(0, ms), everyMs, run });
    return id;
  }
}
