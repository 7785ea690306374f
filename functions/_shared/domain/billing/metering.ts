import type { PlanKind } from "../../contracts/bridge.ts";

export type BillableType = "trial" | "included" | "overage" | "payg";

export interface MinuteClassification {
  billableMinutes: number;
  /** Minutes beyond the included allowance, billed through Stripe's meter (all of them for payg). */
  overageMinutes: number;
  billableType: BillableType;
}

export interface ClassifyInput {
  /** Connected seconds Twilio reported (CallDuration). */
  secondsConnected: number;
  /** A voicemail left on an answering machine is not billed to the family. */
  answeredByMachine: boolean;
  planKind: PlanKind;
  /** The allowance of the current cycle (a trial's is for life). */
  minutesIncluded: number;
  /** Billable minutes already in the ledger for this cycle, before this call. */
  minutesUsedBefore: number;
}

/**
 * Minutes are whole and rounded up per call: ceil(seconds / 60), every connected second counted (a
 * 20-second "I'm fine, call me tomorrow" is a call). A call that crosses the included allowance is split
 * at the boundary: only the minutes beyond it are overage. Trials never produce overage: their hard stop
 * is enforced during the call, and any rounding past it is absorbed.
 */
export function classifyMinutes(input: ClassifyInput): MinuteClassification {
  const seconds = Math.max(0, Math.trunc(input.secondsConnected));
  const billableMinutes = input.answeredByMachine ? 0 : Math.ceil(seconds / 60);
  if (input.planKind === "trial") return { billableMinutes, overageMinutes: 0, billableType: "trial" };
  if (input.planKind === "payg")
    return { billableMinutes, overageMinutes: billableMinutes, billableType: "payg" };
  const includedLeft = Math.max(0, input.minutesIncluded - input.minutesUsedBefore);
  const overageMinutes = Math.max(0, billableMinutes - includedLeft);
  return { billableMinutes, overageMinutes, billableType: overageMinutes > 0 ? "overage" : "included" };
}
