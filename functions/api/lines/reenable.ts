import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import type { LineRow } from "./lines.ts";

/**
 * Resumes calls after the person asked to stop: `ultaura_reenable_calls` records a `reenable_calls`
 * consent with the caller's note and clears the opt-out in one step. Refused when calls are not stopped,
 * so no consent row is written for nothing.
 */
export async function reenableCalls(tx: Tx, line: LineRow, note: string): Promise<ApiOutcome<void>> {
  if (!line.do_not_call) return refused({ code: "calls_not_stopped" });
  await tx`select public.ultaura_reenable_calls(${line.id}, ${note})`;
  return ok();
}
