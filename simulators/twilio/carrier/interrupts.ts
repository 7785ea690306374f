import type { Scheduler } from "../../scheduler.ts";
import type { DocumentSource } from "./documents.ts";
import type { EndedBy, EndReason } from "./summary.ts";

export type Interrupt =
  | { kind: "end"; endedBy: EndedBy; reason: EndReason }
  | { kind: "redirect"; document: DocumentSource };

/**
 * What cuts the current verb short: the end of the call (caller hang-up, REST hang-up, time limit) or a
 * REST redirect. An end is final: nothing replaces it, so a redirect racing a hang-up cannot revive the
 * call. A later redirect replaces an earlier one that was not taken yet (Twilio follows the newest TwiML).
 */
export class Interrupts {
  private pending: Interrupt | undefined;
  private abort = new AbortController();

  constructor(private readonly scheduler: Scheduler) {}

  get current(): Interrupt | undefined {
    return this.pending;
  }

  get ending(): boolean {
    return this.pending?.kind === "end";
  }

  /** Returns false when the call is already ending and the interrupt was dropped. */
  raise(interrupt: Interrupt): boolean {
    if (this.ending) return false;
    this.pending = interrupt;
    this.abort.abort();
    return true;
  }

  /** Takes a pending redirect, re-arming for the verbs of the new document. */
  takeRedirect(): DocumentSource | undefined {
    if (this.pending?.kind !== "redirect") return undefined;
    const { document } = this.pending;
    this.pending = undefined;
    this.abort = new AbortController();
    return document;
  }

  /** Waits `ms`, or less when an interrupt comes first. */
  wait(ms: number): Promise<void> {
    const signal = this.abort.signal;
    if (ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const scheduler = this.scheduler;
      const timer = scheduler.setTimeout(done, ms);
      function done() {
        scheduler.clear(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    });
  }
}
