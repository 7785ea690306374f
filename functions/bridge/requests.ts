import { z } from "zod";
import type {
  CallEndReason,
  CallEventReport,
  CallSummary,
  ToolCallRequest,
  TranscriptRequest,
} from "../_shared/contracts/bridge.ts";
import { AppError } from "../_shared/http/errors.ts";

/** Request bodies of functions/bridge, validated against the contract types they must satisfy. */
export const emptyBody = z.object({}).loose();

export const toolCallRequest = z.object({
  callId: z.string().min(1).max(200),
  lineId: z.uuid().optional(),
  arguments: z.unknown(),
}) satisfies z.ZodType<ToolCallRequest>;

export const transcriptRequest = z.object({
  text: z.string().max(10_000),
}) satisfies z.ZodType<TranscriptRequest>;

const END_REASONS = [
  "caller_hangup",
  "assistant_goodbye",
  "caller_silent",
  "minutes_exhausted",
  "opt_out",
  "model_failure",
  "stream_error",
  "invalid_token",
] as const satisfies readonly CallEndReason[];

const count = z.number().int().min(0).max(1_000_000);

export const callSummary = z.object({
  endReason: z.enum(END_REASONS),
  streamSeconds: count,
  callerTurns: count,
  assistantTurns: count,
  bargeIns: count,
  toolCalls: count,
  firstAudioMs: count.nullable(),
}) satisfies z.ZodType<CallSummary>;

export const callEventReport = z.object({
  event: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/),
  level: z.enum(["info", "warn", "error"]),
  data: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<CallEventReport>;

/** Parses a verified raw body as JSON (an empty body counts as `{}`) and validates it. */
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
