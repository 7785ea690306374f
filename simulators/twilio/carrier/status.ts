/** Call statuses and the status-callback rules Twilio applies to them. Pure. */

export type CallStatus =
  | "queued"
  | "initiated"
  | "ringing"
  | "in-progress"
  | "completed"
  | "busy"
  | "no-answer"
  | "canceled"
  | "failed";

/** Values of `StatusCallbackEvent`; `answered` reports the status `in-progress`. */
export type StatusEvent = "initiated" | "ringing" | "answered" | "completed";

const TERMINAL: ReadonlySet<CallStatus> = new Set(["completed", "busy", "no-answer", "canceled", "failed"]);

const NEXT: Record<CallStatus, readonly CallStatus[]> = {
  queued: ["initiated", "canceled", "failed"],
  initiated: ["ringing", "canceled", "failed"],
  ringing: ["in-progress", "busy", "no-answer", "canceled", "failed"],
  "in-progress": ["completed", "failed"],
  completed: [],
  busy: [],
  "no-answer": [],
  canceled: [],
  failed: [],
};

export function isTerminal(status: CallStatus): boolean {
  return TERMINAL.has(status);
}

export function canTransition(from: CallStatus, to: CallStatus): boolean {
  return NEXT[from].includes(to);
}

/** Which subscribed event reports a status; every terminal status is reported as `completed`. */
export function eventForStatus(status: CallStatus): StatusEvent | null {
  switch (status) {
    case "queued":
      return null;
    case "initiated":
    case "ringing":
      return status;
    case "in-progress":
      return "answered";
    default:
      return "completed";
  }
}

const EVENTS: readonly StatusEvent[] = ["initiated", "ringing", "answered", "completed"];

/**
 * `StatusCallbackEvent` may be repeated or space-separated. Without it Twilio reports only `completed`;
 * unknown values are ignored.
 */
export function parseStatusCallbackEvents(values: readonly string[]): Set<StatusEvent> {
  const words = values.flatMap((value) => value.split(/\s+/)).map((word) => word.toLowerCase());
  const events = new Set(EVENTS.filter((event) => words.includes(event)));
  return events.size === 0 ? new Set(["completed"]) : events;
}

/** Connected time in whole seconds, rounded up the way Twilio reports CallDuration; 0 if never answered. */
export function callDurationSeconds(answeredAtMs: number | null, endedAtMs: number): number {
  if (answeredAtMs === null) return 0;
  return Math.max(0, Math.ceil((endedAtMs - answeredAtMs - 1e-6) / 1000));
}

export type PartyKind = "human" | "machine" | "fax";
export type MachineDetection = "Enable" | "DetectMessageEnd";

/** `AnsweredBy` for a callee: `Enable` reports as soon as a machine is recognised, `DetectMessageEnd` after the beep. */
export function answeredByFor(detection: MachineDetection, kind: PartyKind): string {
  if (kind === "human") return "human";
  if (kind === "fax") return "fax";
  return detection === "Enable" ? "machine_start" : "machine_end_beep";
}

/** RFC 2822 in UTC with a numeric zone, as Twilio writes dates: `Tue, 31 Aug 2010 20:36:28 +0000`. */
export function twilioDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}
