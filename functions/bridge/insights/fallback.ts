import { type InsightsArgs, insightsArgs, isEmptyRecord } from "./args.ts";

/**
 * The insights record in the model's text-only answer: the outermost JSON object in it (the model may wrap
 * it in words or a code fence), validated like the tool's arguments. `empty` when the model said there was
 * nothing to record (a call too short to have content); `invalid` when no valid object could be read.
 */
export type FallbackRecord = { kind: "record"; args: InsightsArgs } | { kind: "empty" } | { kind: "invalid" };

export function readFallbackRecord(text: string): FallbackRecord {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end < start) return { kind: "invalid" };
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { kind: "invalid" };
  }
  const parsed = insightsArgs.safeParse(json);
  if (!parsed.success) return { kind: "invalid" };
  return isEmptyRecord(parsed.data) ? { kind: "empty" } : { kind: "record", args: parsed.data };
}
