import type { LimitedAction } from "../../_shared/domain/copy/types.ts";
import type { LimitDecision } from "../../_shared/platform/ratelimit.ts";
import { refuse } from "../refusals.ts";

/** Allowed, or a refusal: limited (with the seconds to wait) or the limiter is down. */
export function requireAllowed(decision: LimitDecision, action: LimitedAction): void {
  if (decision.kind === "allowed") return;
  if (decision.kind === "limited")
    refuse({ code: "rate_limited", action, retryAfterSeconds: decision.retryAfterSeconds });
  refuse({ code: "temporarily_unavailable" });
}
