import type { DialOutcome, DialRequest, DialSkipReason } from "../../_shared/domain/dialling/dial.ts";
import type { Database, JwtClaims } from "../../_shared/platform/db.ts";
import { AppError } from "../../_shared/platform/errors.ts";
import type { RateLimiter } from "../../_shared/platform/ratelimit.ts";
import { getLine } from "../lines/lines.ts";
import { requireAllowed } from "../verification/limits.ts";

/**
 * "Test call" from the dashboard: the same dialler the scheduler uses (functions/_shared/domain/dialling/dial.ts), so
 * the person gets exactly the call they will get on schedule. The caller's access to the line is checked
 * under RLS first; the dialler then runs its own checks as the service and the refusals become sentences.
 */
export interface TestCallDeps {
  db: Database;
  limit: RateLimiter;
  dial: (request: DialRequest) => Promise<DialOutcome>;
}

export async function placeTestCall(
  deps: TestCallDeps,
  claims: JwtClaims,
  request: { lineId: string; ignoreQuietHours: boolean },
): Promise<string> {
  const line = await deps.db.asUser(claims, (tx) => getLine(tx, request.lineId));
  requireAllowed(await deps.limit("testCallPerLine", line.id), "Each line can get 3 test calls an hour.");
  const outcome = await deps.dial({
    lineId: line.id,
    accountId: line.account_id,
    isTest: true,
    ignoreQuietHours: request.ignoreQuietHours,
  });
  switch (outcome.kind) {
    case "placed":
      return outcome.callSessionId;
    case "skipped":
      throw new AppError(
        409,
        outcome.reason.replace(/^skipped_/, ""),
        refusal(outcome.reason, line.display_name),
      );
    case "deferred":
      throw new AppError(409, "quiet_hours", refusal("skipped_quiet_hours", line.display_name));
    case "failed":
      throw new AppError(
        502,
        "call_failed",
        "The phone network refused the call. Please try again in a few minutes.",
      );
    case "not_found":
      throw new AppError(404, "not_found", "No such line.");
  }
}

function refusal(reason: DialSkipReason, name: string): string {
  switch (reason) {
    case "skipped_unverified":
      return `Verify ${name}'s phone number before placing a test call.`;
    case "skipped_opt_out":
      return `${name} asked not to be called. If they have changed their mind, re-enable calls first.`;
    case "skipped_line_inactive":
      return `Calls to ${name} are paused. Resume them to place a test call.`;
    case "skipped_account_inactive":
      return "This account is not active, so no calls can be placed. Check your plan and billing.";
    case "skipped_no_minutes":
      return "There are no minutes left on this account. Upgrade your plan to keep calling.";
    case "skipped_over_cap":
      return "This account has reached its spending limit for extra minutes this month.";
    case "skipped_quiet_hours":
      return `It is within ${name}'s quiet hours now. Try later, or choose to call anyway.`;
  }
}
