import type { TimerName } from "../call/types.ts";

/**
 * The reducer's named timers. In memory: a live call holds two sockets, so its object stays resident, and
 * sub-second timers (the barge-in debounce) cannot wait for a storage write. The hard minute limit is
 * also kept as a Durable Object alarm by the shell (see CallBridge), as the backstop if memory is lost.
 */
export class NamedTimers {
  private readonly handles = new Map<TimerName, ReturnType<typeof setTimeout>>();

  constructor(private readonly fire: (name: TimerName) => void) {}

  set(name: TimerName, ms: number): void {
    this.cancel(name);
    this.handles.set(
      name,
      setTimeout(() => {
        this.handles.delete(name);
        this.fire(name);
      }, ms),
    );
  }

  cancel(name: TimerName): void {
    const handle = this.handles.get(name);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(name);
  }

  cancelAll(): void {
    for (const handle of this.handles.values()) clearTimeout(handle);
    this.handles.clear();
  }
}
