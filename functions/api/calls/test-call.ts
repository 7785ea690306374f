import type { TestCallRefusal } from "../../_shared/domain/copy/types.ts";
import type { DialOutcome, DialRequest, DialSkipReason } from "../../_shared/domain/dialling/dial.ts";
import type { Database, JwtClaims } from "../../_shared/platform/db.ts";
import type { RateLimiter } from "../../_shared/platform/ratelimit.ts";
import { requireOwner, resolveAccount } from "../accounts/accounts.ts";
import { getLine } from "../lines/lines.ts";
import { refuse } from "../refusals.ts";
import { requireAllowed } from "../verification/limits.ts";

/**
 * "Test call" from the dashboard: the same dialler the scheduler uses (functions/_shared/domain/dialling/dial.ts), so
 * the person gets exactly the call they will get on schedule. The caller's access to the line is checked
 * under RLS first; the dialler then runs its own checks as the service and its refusals become ours.
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
  if (request.ignoreQuietHours) {
    // Ringing past the person's own quiet hours is the owner's call alone (never past the calling-hours floor).
    const account = await deps.db.asUser(claims, (tx) => resolveAccount(tx, claims.sub, line.account_id));
    requireOwner(account, "call_in_quiet_hours");
  }
  requireAllowed(await deps.limit("testCallPerLine", line.id), "test_call_per_line");
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
      return refuse({ code: TEST_CALL_REFUSALS[outcome.reason], name: line.display_name });
    case "deferred":
      return refuse({ code: "quiet_hours", name: line.display_name });
    case "failed":
      return refuse({ code: "call_failed" });
    case "not_found":
      return refuse({ code: "not_found", thing: "line" });
  }
}

const TEST_CALL_REFUSALS: Record<DialSkipReason, TestCallRefusal> = {
  skipped_unverified: "unverified",
  skipped_opt_out: "opt_out",
  skipped_line_inactive: "line_inactive",
  skipped_account_inactive: "account_inactive",
  skipped_no_minutes: "no_minutes",
  skipped_over_cap: "over_cap",
  skipped_quiet_hours: "quiet_hours",
  skipped_paused: "on_holiday",
};
