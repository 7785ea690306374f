/**
 * The contract between the bridge Worker (Durable Object `CallBridge`) and `functions/bridge`.
 * Both sides import these types; the Worker holds no domain knowledge beyond them.
 *
 * Every request is POST with a JSON body, signed with HMAC-SHA256 (see ../signing/request-signature.ts).
 *
 *   POST /bridge/sessions/:id/context     {}                           → CallContext
 *   POST /bridge/sessions/:id/tools/:name ToolCallRequest              → ToolCallResult
 *   POST /bridge/sessions/:id/transcript  TranscriptRequest            → TranscriptResult
 *   POST /bridge/sessions/:id/minutes     {}                           → MinutesStatus
 *   POST /bridge/sessions/:id/opt-out     {}                           → { ok: true }
 *   POST /bridge/sessions/:id/end         CallSummary                  → { ok: true }
 *   POST /bridge/sessions/:id/events      CallEventReport              → { ok: true }
 */

export type PlanKind = "trial" | "paid" | "payg";

export interface MinutesStatus {
  /** Seconds the account may still talk; null when the plan runs on into billed overage. */
  secondsRemaining: number | null;
  planKind: PlanKind;
  /** True when the call must end at zero (trial); false when it may run on (paid, payg). */
  hardCutoff: boolean;
}

export interface ToolSchema {
  type: "function";
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Words the Worker speaks through the model (or through Twilio when the model is gone). */
export interface CallPhrases {
  /** Instruction for the model's first response: greet the person by name. */
  greeting: string;
  /** Instruction when the caller has been silent for a while. */
  silenceCheck: string;
  /** Instruction to say goodbye after unanswered silence checks. */
  silenceGoodbye: string;
  /** Instruction when the caller pressed 9 once: ask them to press 9 again to stop calls. */
  optOutConfirm: string;
  /** Instruction after the confirmed opt-out: acknowledge and say goodbye. */
  optOutGoodbye: string;
  /** Instruction when the caller pressed 0: explain the keys, how to reach family, 988. */
  help: string;
  /** Instruction when the caller pressed 1: repeat the last thing said, slowly. */
  repeat: string;
  /** Instruction near the end of the trial's minutes. */
  lowMinutes: string;
  /** Instruction when the trial's minutes are used up: a warm wrap-up and goodbye. */
  minutesGoodbye: string;
  /** Instruction when a tool is slow: a short filler such as "one moment while I check". */
  toolFiller: string;
  /** Plain text spoken by Twilio (<Say>) when the model fails: an apology, then the call ends. */
  apologyText: string;
}

export interface CallContext {
  callSessionId: string;
  lineId: string;
  accountId: string;
  direction: "inbound" | "outbound";
  /** BCP-47 tag, e.g. "en-US" or "es-US". */
  language: string;
  /** IANA zone of the line, e.g. "America/Los_Angeles". */
  timezone: string;
  /** Grok voice id, e.g. "ara". */
  voice: string;
  /** Session instructions handed to the model as they are. */
  instructions: string;
  tools: ToolSchema[];
  minutes: MinutesStatus;
  phrases: CallPhrases;
  /** What the instructions were built from, for logs and tests; the Worker need not read it. */
  details?: CallContextDetails;
}

/** A remembered item as the model sees it: `id` is the short id the memory tools accept. */
export interface CallContextMemory {
  id: string;
  kind: string;
  text: string;
  private: boolean;
}

export interface CallContextDetails {
  /** The name the person is addressed by (preferred name, else display name). */
  personName: string;
  /** The person's local date and time when the context was built, in their language. */
  localTime: string;
  /** No earlier connected call with this line: the AI introduces itself plainly. */
  firstCall: boolean;
  /** The person's own answer about being remembered; `mayAsk` says whether to ask on this call. */
  memoryConsent: { state: "granted" | "denied" | "unknown"; mayAsk: boolean };
  /** Empty unless memory consent is granted. */
  memories: CallContextMemory[];
  /** One short line per recent call, newest first. */
  lastCalls: string[];
  interests: string[];
  topicsToAvoid: string[];
}

export interface ToolCallRequest {
  /** The model's call id, kept for the call record. */
  callId: string;
  /** Optional: the line the Worker's context names; refused with 403 unless it is the session's line. */
  lineId?: string;
  /** The arguments as the model produced them (already JSON-parsed; the function validates them). */
  arguments: unknown;
}

export interface ToolCallResult {
  /** Handed to the model verbatim (JSON-stringified) as the function_call_output. */
  output: Record<string, unknown>;
  /** Optional instruction for the model's next response (e.g. a safety reminder). */
  followUp?: string;
  /** When true the Worker ends the call after the model's next response (e.g. confirmed opt-out). */
  endCall?: boolean;
}

export interface TranscriptRequest {
  /** One final transcript of the caller's words. Not stored; scanned by the safety backstop. */
  text: string;
}

export interface TranscriptResult {
  /** An instruction to inject so the model checks in with the caller; null when nothing was found. */
  hint: string | null;
}

export type CallEndReason =
  | "caller_hangup"
  | "assistant_goodbye"
  | "caller_silent"
  | "minutes_exhausted"
  | "opt_out"
  | "model_failure"
  | "stream_error"
  | "invalid_token";

export interface CallSummary {
  endReason: CallEndReason;
  /** From the stream's start to its end, in whole seconds. */
  streamSeconds: number;
  callerTurns: number;
  assistantTurns: number;
  bargeIns: number;
  toolCalls: number;
  /** Milliseconds from the stream's start to the first assistant audio sent to Twilio, when there was any. */
  firstAudioMs: number | null;
}

/** Something the Worker saw that belongs in the call's record (a model failure, a refused stream token…). */
export interface CallEventReport {
  /** snake_case, e.g. "grok_failed"; stored as `bridge.<event>`. */
  event: string;
  level: "info" | "warn" | "error";
  /** Small, non-sensitive details: never transcripts or memory text. */
  data?: Record<string, unknown>;
}
