import type { LimitedAction } from "../../_shared/domain/copy/types.ts";
import type { LimitDecision } from "../../_shared/platform/ratelimit.ts";
import type { Refusal } from "../refusals.ts";

/** A limiter's "no" as a refusal — limited (with the seconds to wait) or the limiter is down; null when allowed. */
export function limitRefusal(decision: LimitDecision, action: LimitedAction): Refusal | null {
  if (decision.kind === "allowed") return null;
  if (decision.kind === "limited")
    return { code: "rate_limited", action, retryAfterSeconds: decision.retryAfterSeconds };
  return { code: "temporarily_unavailable" };
}
