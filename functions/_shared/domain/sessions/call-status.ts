/**
 * Twilio's call statuses mapped onto ours, and the rule that keeps status callbacks idempotent and
 * order-proof: a callback changes the session only if it is newer than the last one applied (by Twilio's
 * SequenceNumber, or by the status's place in a call's life when no sequence is given), and a final status
 * is applied once, whenever it arrives.
 */

export type TwilioCallStatus =
  | "queued"
  | "initiated"
  | "ringing"
  | "in-progress"
  | "completed"
  | "busy"
  | "no-answer"
  | "canceled"
  | "failed";

export type SessionStatus =
  | "created"
  | "queued"
  | "initiated"
  | "ringing"
  | "in_progress"
  | "completed"
  | "busy"
  | "no_answer"
  | "failed"
  | "canceled";

export const TWILIO_CALL_STATUSES: readonly TwilioCallStatus[] = [
  "queued",
  "initiated",
  "ringing",
  "in-progress",
  "completed",
  "busy",
  "no-answer",
  "canceled",
  "failed",
];

const FINAL: ReadonlySet<SessionStatus> = new Set(["completed", "busy", "no_answer", "failed", "canceled"]);

/** Where each status sits in a call's life; used when Twilio sends no SequenceNumber. */
const RANK: Record<SessionStatus, number> = {
  created: 0,
  queued: 1,
  initiated: 2,
  ringing: 3,
  in_progress: 4,
  completed: 5,
  busy: 5,
  no_answer: 5,
  failed: 5,
  canceled: 5,
};

export function toSessionStatus(status: TwilioCallStatus): SessionStatus {
  return status.replace("-", "_") as SessionStatus;
}

export function isFinal(status: SessionStatus): boolean {
  return FINAL.has(status);
}

export interface SessionProgress {
  status: SessionStatus;
  /** Highest SequenceNumber applied; -1 before any. */
  lastSequence: number;
}

export interface StatusUpdate {
  status: SessionStatus;
  /** Twilio's SequenceNumber, when the callback carried one. */
  sequence: number | null;
}

export type StatusDecision =
  /** Move the session to this status. `final` means: end and meter the call now. */
  { apply: true; final: boolean; sequence: number } | { apply: false; reason: "stale" | "already_final" };

export function decideStatus(current: SessionProgress, update: StatusUpdate): StatusDecision {
  if (isFinal(current.status)) return { apply: false, reason: "already_final" };
  const final = isFinal(update.status);
  const sequence = update.sequence ?? current.lastSequence + 1;
  if (final) return { apply: true, final, sequence: Math.max(sequence, current.lastSequence) };
  const newer =
    update.sequence !== null
      ? update.sequence > current.lastSequence
      : RANK[update.status] > RANK[current.status];
  return newer ? { apply: true, final, sequence } : { apply: false, reason: "stale" };
}

/** Twilio's AnsweredBy values, folded into what we keep. */
export function answeredByKind(answeredBy: string | null): "human" | "machine" | "fax" | "unknown" | null {
  if (!answeredBy) return null;
  if (answeredBy === "human" || answeredBy === "fax" || answeredBy === "unknown") return answeredBy;
  return answeredBy.startsWith("machine") ? "machine" : "unknown";
}
