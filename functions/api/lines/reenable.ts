import type { Tx } from "../../_shared/platform/db.ts";
import { AppError } from "../../_shared/platform/errors.ts";
import type { LineRow } from "./lines.ts";

/**
 * Resumes calls after the person asked to stop: `ultaura_reenable_calls` records a `reenable_calls`
 * consent with the caller's note and clears the opt-out in one step. Refused when calls are not stopped,
 * so no consent row is written for nothing.
 */
export async function reenableCalls(tx: Tx, line: LineRow, note: string): Promise<void> {
  if (!line.do_not_call) {
    throw new AppError(
      409,
      "calls_not_stopped",
      "Calls to this line are not stopped, so there is nothing to re-enable.",
    );
  }
  await tx`select public.ultaura_reenable_calls(${line.id}, ${note})`;
}
