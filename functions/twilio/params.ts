import { z } from "zod";
import { TWILIO_CALL_STATUSES } from "../_shared/domain/sessions/call-status.ts";

const callSid = z.string().regex(/^CA[0-9a-f]{32}$/, "a Twilio CallSid");
/** Twilio sends "anonymous", "restricted" or the like for withheld numbers; those match no line. */
const caller = z.string().min(1).max(32);

export const voiceParams = z.object({
  CallSid: callSid,
  From: caller,
  To: caller,
  AnsweredBy: z.string().optional(),
  /** STIR/SHAKEN attestation of the caller ID on inbound calls (US numbers), e.g. TN-Validation-Passed-A. */
  StirVerstat: z.string().max(64).optional(),
});

export const statusParams = z.object({
  CallSid: callSid,
  CallStatus: z.enum(TWILIO_CALL_STATUSES as [string, ...string[]]),
  SequenceNumber: z.coerce.number().int().min(0).optional(),
  CallDuration: z.coerce.number().int().min(0).optional(),
  AnsweredBy: z.string().max(40).optional(),
});

export const sessionQuery = z.object({ sessionId: z.uuid() });

/** The `<Connect action>` URL's query: the session and how many reconnects it had before this stream. */
export const streamEndedQuery = z.object({
  sessionId: z.uuid(),
  reconnects: z.coerce.number().int().min(0).max(10),
});

/** An SMS to our number (the number's messaging webhook). */
export const smsParams = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/, "a Twilio MessageSid"),
  From: z.string().regex(/^\+[1-9]\d{6,14}$/, "an E.164 number"),
  Body: z.string().max(1600).default(""),
});
