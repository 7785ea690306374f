import type { CallStatus } from "./status.ts";
import type { CallDirection } from "./summary.ts";

/** The parameters Twilio puts on every voice request and status callback of a call. */
export function callParams(
  accountSid: string,
  call: { sid: string; direction: CallDirection; from: string; to: string; stirVerstat?: string | null },
  status: CallStatus,
  answeredBy: string | null,
): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    CallSid: call.sid,
    CallStatus: status,
    Called: call.to,
    Caller: call.from,
    Direction: call.direction,
    From: call.from,
    To: call.to,
    ...(answeredBy === null ? {} : { AnsweredBy: answeredBy }),
    ...(call.stirVerstat ? { StirVerstat: call.stirVerstat } : {}),
  };
}

/** The request to `AsyncAmdStatusCallback` once the machine-detection result is known. */
export function asyncAmdParams(
  accountSid: string,
  callSid: string,
  answeredBy: string,
): Record<string, string> {
  return {
    AccountSid: accountSid,
    CallSid: callSid,
    AnsweredBy: answeredBy,
    MachineDetectionDuration: "1200",
  };
}
