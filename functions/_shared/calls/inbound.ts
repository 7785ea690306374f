import type { PlanKind } from "../contracts/bridge.ts";

export interface CallerLine {
  lineId: string;
  accountId: string;
  /** How the AI and our messages address the person. */
  name: string;
  language: string;
  accountStatus: "trial" | "active" | "past_due" | "suspended" | "canceled";
  planKind: PlanKind;
  minutesRemaining: number;
}

export type InboundDecision =
  | { kind: "unknown_caller" }
  | { kind: "account_inactive"; line: CallerLine }
  | { kind: "trial_used_up"; line: CallerLine }
  | { kind: "connect"; line: CallerLine };

/**
 * Who gets through to the AI. A past-due account still gets its calls (the family is sorting out a card;
 * the person on the phone should not pay for that); suspended and cancelled ones do not.
 */
export function decideInbound(line: CallerLine | null): InboundDecision {
  if (!line) return { kind: "unknown_caller" };
  if (line.accountStatus === "suspended" || line.accountStatus === "canceled")
    return { kind: "account_inactive", line };
  if (line.planKind === "trial" && line.minutesRemaining <= 0) return { kind: "trial_used_up", line };
  return { kind: "connect", line };
}
