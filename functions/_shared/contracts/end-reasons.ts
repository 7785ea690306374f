/**
 * Why a call ended: one list, spelled as the database enum `ultaura_call_end_reason` spells it (migration
 * 0008; `tests/db/end-reasons.db.test.ts` checks that they agree).
 */
export const CALL_END_REASONS = [
  "caller_hangup",
  "assistant_goodbye",
  "minutes_exhausted",
  "opt_out",
  "caller_silent",
  "voicemail",
  "no_answer",
  "busy",
  "failed",
  "canceled",
  "ai_unavailable",
  "stream_error",
  "invalid_token",
  "error",
] as const;

export type CallEndReason = (typeof CALL_END_REASONS)[number];

/** The reasons the bridge Worker reports in its end-of-call summary; Twilio's path sets the others. */
export const BRIDGE_END_REASONS = [
  "caller_hangup",
  "assistant_goodbye",
  "caller_silent",
  "minutes_exhausted",
  "opt_out",
  "ai_unavailable",
  "stream_error",
  "invalid_token",
] as const satisfies readonly CallEndReason[];

export type BridgeEndReason = (typeof BRIDGE_END_REASONS)[number];
