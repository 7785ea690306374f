import type { MinutesStatus } from "../../../functions/_shared/contracts/index.ts";
import { beginGoodbye } from "./ending.ts";
import { cancelTimer, log, requestResponse, setTimer } from "./state.ts";
import type { CallAction, CallState } from "./types.ts";

/**
 * Applies a minutes status. With a hard cut-off the deadline only ever moves earlier: whether a re-check's
 * `secondsRemaining` already counts this call's running minutes or not, taking the minimum never lets a
 * re-check extend the call past what the start allowed. The deadline is also kept as a Durable Object
 * alarm (plus a grace period), the backstop should the object lose the in-memory timers.
 */
export function applyMinutes(s: CallState, out: CallAction[], now: number, status: MinutesStatus): CallState {
  if (!status.hardCutoff || status.secondsRemaining === null) {
    if (s.minutes.deadlineAt !== null) {
      cancelTimer(out, "minutesOut");
      cancelTimer(out, "minutesLow");
      out.push({ type: "alarm.cancel" });
    }
    return { ...s, minutes: { ...s.minutes, status, deadlineAt: null } };
  }
  const candidate = now + Math.max(0, status.secondsRemaining) * 1000;
  const deadlineAt = s.minutes.deadlineAt === null ? candidate : Math.min(s.minutes.deadlineAt, candidate);
  setTimer(out, "minutesOut", deadlineAt - now);
  if (deadlineAt !== s.minutes.deadlineAt)
    out.push({ type: "alarm.set", at: deadlineAt + s.config.backstopGraceMs });
  if (!s.minutes.lowWarned)
    setTimer(out, "minutesLow", deadlineAt - now - s.config.lowMinutesAtSeconds * 1000);
  return { ...s, minutes: { ...s.minutes, status, deadlineAt } };
}

export function startMinutes(s: CallState, out: CallAction[], now: number): CallState {
  if (!s.context) return s;
  setTimer(out, "minuteCheck", s.config.minuteCheckMs);
  return applyMinutes(s, out, now, s.context.minutes);
}

export function onMinuteCheck(s: CallState, out: CallAction[]): CallState {
  out.push({ type: "bridge", request: { kind: "minutes" } });
  setTimer(out, "minuteCheck", s.config.minuteCheckMs);
  return s;
}

export function onMinutesLow(s: CallState, out: CallAction[]): CallState {
  const phrases = s.context?.phrases;
  if (s.minutes.lowWarned || s.ending || !phrases || s.minutes.deadlineAt === null) return s;
  log(out, "info", "minutes_low");
  return requestResponse({ ...s, minutes: { ...s.minutes, lowWarned: true } }, out, phrases.lowMinutes);
}

export function onMinutesOut(s: CallState, out: CallAction[], now: number): CallState {
  const phrases = s.context?.phrases;
  if (s.minutes.deadlineAt === null || !phrases) return s;
  return beginGoodbye(s, out, now, "minutes_exhausted", phrases.minutesGoodbye);
}
