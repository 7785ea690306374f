import { type CallingHours, nextCallableInstant, outsideCallingHours } from "../scheduling/calling-hours.ts";
import { inQuietHours, type QuietHours } from "../scheduling/quiet-hours.ts";

/** Why a call was not placed; each is one of the `ultaura_schedule_result` values recorded on the run. */
export type DialSkipReason =
  | "skipped_opt_out"
  | "skipped_unverified"
  | "skipped_line_inactive"
  | "skipped_account_inactive"
  | "skipped_no_minutes"
  | "skipped_over_cap"
  | "skipped_quiet_hours"
  | "skipped_paused";

/** What the dialler knows about a line before it rings it. */
export interface DialLine {
  lineId: string;
  accountId: string;
  phoneE164: string;
  verified: boolean;
  lineStatus: "active" | "paused" | "disabled";
  /** Inside one of the family's dated pauses (a holiday), judged by the date in the line's zone (0038). */
  paused: boolean;
  /** Among the first active lines the plan includes (oldest first); false for the extra ones after a downgrade. */
  withinPlan: boolean;
  doNotCall: boolean;
  timezone: string;
  quietHours: QuietHours | null;
  accountStatus: "trial" | "active" | "past_due" | "suspended" | "canceled";
  planKind: string;
  minutesRemaining: number;
  /** Billing's overage cap (helper E): true when the account may not run up more overage. */
  overageCapReached: boolean;
}

export interface DialPolicy {
  /** The deployment's floor: outside it nothing rings, whatever the other settings say. */
  callingHours: CallingHours;
  /** The owner's test call from the dashboard rings in the line's quiet hours (never outside the floor). */
  ignoreQuietHours?: boolean;
  /** A retry in quiet hours waits for them to end instead of being dropped. */
  deferInQuietHours?: boolean;
}

export type DialDecision =
  | { kind: "place" }
  | { kind: "skip"; reason: DialSkipReason }
  | { kind: "defer"; until: Date };

/**
 * Whether to ring a line now. Opting out wins over everything; a past-due account still gets its calls
 * (as inbound does: the person on the phone should not pay for a card problem), suspended and cancelled
 * ones do not; a trial with no minutes left is not rung.
 */
export function decideDial(line: DialLine, now: Date, policy: DialPolicy): DialDecision {
  if (line.doNotCall) return { kind: "skip", reason: "skipped_opt_out" };
  if (!line.verified) return { kind: "skip", reason: "skipped_unverified" };
  if (line.paused) return { kind: "skip", reason: "skipped_paused" };
  if (line.lineStatus !== "active" || !line.withinPlan)
    return { kind: "skip", reason: "skipped_line_inactive" };
  if (line.accountStatus === "suspended" || line.accountStatus === "canceled")
    return { kind: "skip", reason: "skipped_account_inactive" };
  if (line.planKind === "trial" && line.minutesRemaining <= 0)
    return { kind: "skip", reason: "skipped_no_minutes" };
  if (line.overageCapReached) return { kind: "skip", reason: "skipped_over_cap" };
  const quiet =
    outsideCallingHours(policy.callingHours, line.timezone, now) ||
    (!policy.ignoreQuietHours && inQuietHours(line.quietHours, line.timezone, now));
  if (quiet) {
    return policy.deferInQuietHours
      ? {
          kind: "defer",
          until: nextCallableInstant(policy.callingHours, line.quietHours, line.timezone, now),
        }
      : { kind: "skip", reason: "skipped_quiet_hours" };
  }
  return { kind: "place" };
}
