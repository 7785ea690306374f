import type { z } from "zod";
import { AppError } from "../_shared/platform/errors.ts";

export {
  callEventReport,
  callSummary,
  emptyRequest as emptyBody,
  insightsReport,
  toolCallRequest,
  transcriptRequest,
} from "../_shared/contracts/bridge.ts";

/** Parses a verified raw body as JSON (an empty body counts as `{}`) and validates it against the contract. */
export function parseBody<T>(schema: z.ZodType<T>, rawBody: string): T {
  let json: unknown;
  try {
    json = rawBody.trim() === "" ? {} : JSON.parse(rawBody);
  } catch {
    throw new AppError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new AppError(400, "invalid_body", "The request body does not match the contract.");
  return parsed.data;
}
