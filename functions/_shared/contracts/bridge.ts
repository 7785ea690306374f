/**
 * What the bridge Worker (Durable Object `CallBridge`) and `functions/bridge` exchange, as zod schemas with
 * the types inferred from them. functions/bridge validates every request with these, the Worker every
 * response: a reply that does not match is a failure, never a cast. Routes are in ./routes.ts.
 *
 *   context      {}                  → CallContext
 *   tools/:name  ToolCallRequest     → ToolCallResult (expected refusals are outputs, HTTP 200)
 *   transcript   TranscriptRequest   → TranscriptResult
 *   minutes      {}                  → MinutesStatus
 *   opt-out      {}                  → Ok
 *   end          CallSummary         → Ok
 *   events       CallEventReport     → Ok
 *   insights     InsightsReport      → InsightsStored
 */
import { z } from "zod";
import { BRIDGE_END_REASONS } from "./end-reasons.ts";
import { SESSION_ID_PATTERN } from "./routes.ts";

const id = z.string().regex(SESSION_ID_PATTERN, "a UUID");
const count = z.number().int().min(0).max(1_000_000);

export const emptyRequest = z.object({}).loose();

export const ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof ok>;

export const planKind = z.enum(["trial", "paid", "payg"]);
export type PlanKind = z.infer<typeof planKind>;

export const minutesStatus = z.object({
  /** Seconds the account may still talk; null when the plan runs on into billed overage. */
  secondsRemaining: z.number().int().nullable(),
  planKind,
  /** True when the call must end at zero (trial); false when it may run on (paid, payg). */
  hardCutoff: z.boolean(),
});
export type MinutesStatus = z.infer<typeof minutesStatus>;

/** One function the model may call, as Grok's session takes it. */
export const toolSchema = z.object({
  type: z.literal("function"),
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type ToolSchema = z.infer<typeof toolSchema>;

/** Instructions for the model's next response at the call's fixed moments, in the line's language. */
export const callPhrases = z.object({
  /** Greet the person by name. */
  greeting: z.string().min(1),
  /** The caller has been silent for a while. */
  silenceCheck: z.string().min(1),
  /** Say goodbye after unanswered silence checks. */
  silenceGoodbye: z.string().min(1),
  /** The opt-out key was pressed once: ask to press it again to stop calls. */
  optOutConfirm: z.string().min(1),
  /** After the confirmed opt-out: acknowledge and say goodbye. */
  optOutGoodbye: z.string().min(1),
  /** The help key: explain the keys, how to reach family, 988. */
  help: z.string().min(1),
  /** The repeat key: repeat the last thing said, slowly. */
  repeat: z.string().min(1),
  /** Near the end of the trial's minutes. */
  lowMinutes: z.string().min(1),
  /** The trial's minutes are used up: a warm wrap-up and goodbye. */
  minutesGoodbye: z.string().min(1),
  /** A tool is slow: a short filler such as "one moment while I check". */
  toolFiller: z.string().min(1),
  /** The model's session was lost and reopened mid-call: say the reconnect sentence, then carry on. */
  reconnected: z.string().min(1),
  /** The media stream came back (Twilio already apologised): carry on without greeting again. */
  resumed: z.string().min(1),
});
export type CallPhrases = z.infer<typeof callPhrases>;

/**
 * Everything the Worker needs at call start: the finished instructions and tool schemas, nothing of the
 * memories they were built from.
 */
export const callContext = z.object({
  callSessionId: id,
  lineId: id,
  accountId: id,
  direction: z.enum(["inbound", "outbound"]),
  /** BCP-47 tag, e.g. "en-US" or "es-US". */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  /** IANA zone of the line, e.g. "America/Los_Angeles". */
  timezone: z.string().min(1),
  /** Grok voice id, e.g. "ara". */
  voice: z.string().regex(/^[a-z0-9_-]{1,40}$/i),
  /** Session instructions handed to the model as they are. */
  instructions: z.string().min(1),
  tools: z.array(toolSchema),
  minutes: minutesStatus,
  phrases: callPhrases,
  /** Plain sentence Twilio speaks (<Say>, in `language`) when the model is gone, before hanging up. */
  apology: z.string().min(1),
  /**
   * When the call ends before the model recorded its insights, the Worker asks the still-open session for
   * them with these instructions, as a text-only response (absent: no such request).
   */
  insightsRequest: z.string().min(1).optional(),
  /**
   * Keys that call a tool on this call instead of their usual meaning (a reminder call's "press 1 when
   * you have" → `acknowledge_reminder`). The Worker posts the tool with `{ via: "keypad" }` and asks the
   * model to respond with the result's `followUp`.
   */
  keyTools: z.record(z.string().regex(/^[0-9*#]$/), z.string().regex(/^[a-z][a-z0-9_]{0,63}$/)).optional(),
});
export type CallContext = z.infer<typeof callContext>;

export const toolCallRequest = z.object({
  /** The model's call id, kept for the call record. */
  callId: z.string().min(1).max(200),
  /** Optional: the line the Worker's context names; refused unless it is the session's line. */
  lineId: id.optional(),
  /** The arguments as the model produced them (JSON-parsed; the tool validates them). */
  arguments: z.unknown(),
});
export type ToolCallRequest = z.infer<typeof toolCallRequest>;

/**
 * Why a tool did not do what was asked, when that is an expected answer rather than a failure. The model
 * reads it (with `say`, what to tell the person) and should not simply retry.
 */
export const TOOL_REFUSAL_REASONS = [
  "not_found",
  "ambiguous",
  "no_match",
  "bad_id",
  "needs_confirmation",
  "not_allowed",
  "no_consent",
  "invalid_arguments",
] as const;
export type ToolRefusalReason = (typeof TOOL_REFUSAL_REASONS)[number];

export const toolRefusal = z
  .object({ ok: z.literal(false), reason: z.enum(TOOL_REFUSAL_REASONS), say: z.string().min(1) })
  .loose();
export type ToolRefusal = z.infer<typeof toolRefusal>;

export const toolCallResult = z.object({
  /** Handed to the model verbatim (JSON-stringified) as the function_call_output. */
  output: z.record(z.string(), z.unknown()),
  /** Optional instruction for the model's next response (e.g. a safety reminder). */
  followUp: z.string().min(1).optional(),
  /** When true the Worker ends the call after the model's next response (e.g. confirmed opt-out). */
  endCall: z.boolean().optional(),
});
export type ToolCallResult = z.infer<typeof toolCallResult>;

export const transcriptRequest = z.object({
  /** One final transcript of the caller's words. Not stored; scanned by the safety backstop. */
  text: z.string().max(10_000),
});
export type TranscriptRequest = z.infer<typeof transcriptRequest>;

export const transcriptResult = z.object({
  /** An instruction to inject so the model checks in with the caller; null when nothing was found. */
  hint: z.string().min(1).nullable(),
});
export type TranscriptResult = z.infer<typeof transcriptResult>;

export const callSummary = z.object({
  endReason: z.enum(BRIDGE_END_REASONS),
  /** From the stream's start to its end, in whole seconds. */
  streamSeconds: count,
  callerTurns: count,
  assistantTurns: count,
  bargeIns: count,
  toolCalls: count,
  /** Milliseconds from the stream's start to the first assistant audio sent to Twilio, when there was any. */
  firstAudioMs: count.nullable(),
});
export type CallSummary = z.infer<typeof callSummary>;

/** Something the Worker saw that belongs in the call's record (a model failure, a refused stream token…). */
export const callEventReport = z.object({
  /** snake_case, e.g. "grok_failed"; stored as `bridge.<event>`. */
  event: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/),
  level: z.enum(["info", "warn", "error"]),
  /** Small, non-sensitive details: never transcripts or memory text. */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type CallEventReport = z.infer<typeof callEventReport>;

/** The tool by which the model records a call's insights; after it succeeded no fallback is asked for. */
export const INSIGHTS_TOOL_NAME = "log_call_insights";

/**
 * The model's text-only answer to `insightsRequest`, as it came (a JSON object, perhaps with words around
 * it); functions/bridge parses and validates it, and stores it with `source: "fallback"`.
 */
export const insightsReport = z.object({ text: z.string().max(8_000) });
export type InsightsReport = z.infer<typeof insightsReport>;

export const insightsStored = z.object({ ok: z.literal(true), stored: z.boolean() });
export type InsightsStored = z.infer<typeof insightsStored>;

/** The error body every function answers a refused request with. */
export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBody>;
