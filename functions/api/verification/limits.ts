import { AppError } from "../../_shared/platform/errors.ts";
import type { LimitDecision } from "../../_shared/platform/ratelimit.ts";

/** A refusal with the seconds to wait, mapped by the api to 429 + Retry-After. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, "rate_limited", message);
  }
}

/** Allowed, or a plain-sentence refusal: limited (429 with when to retry) or the limiter is down (503). */
export function requireAllowed(decision: LimitDecision, what: string): void {
  if (decision.kind === "allowed") return;
  if (decision.kind === "limited") {
    throw new RateLimitedError(
      decision.retryAfterSeconds,
      `${what} Please try again in ${wait(decision.retryAfterSeconds)}.`,
    );
  }
  throw new AppError(
    503,
    "temporarily_unavailable",
    "We can't do that right now. Please try again in a few minutes.",
  );
}

export function wait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}
