import type { ToolCallResult } from "../../../functions/_shared/contracts/bridge.ts";
import { functionCallOutput } from "../grok/client-events.ts";
import { cancelTimer, log, requestResponse, send, setTimer } from "./state.ts";
import type { CallAction, CallState } from "./types.ts";

function withoutTool(s: CallState, callId: string): CallState {
  const pendingTools = { ...s.pendingTools };
  delete pendingTools[callId];
  return { ...s, pendingTools };
}

/** The model called a function: forward it to functions/bridge, with a filler and a give-up timer. */
export function onFunctionCall(
  s: CallState,
  out: CallAction[],
  callId: string,
  name: string,
  args: string,
): CallState {
  if (s.stallArmed) cancelTimer(out, "grokStall");
  const counted = { ...s, stallArmed: false, stats: { ...s.stats, toolCalls: s.stats.toolCalls + 1 } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    log(out, "warn", "tool_arguments_invalid", { name });
    send(s, out, functionCallOutput(callId, { ok: false, error: "The arguments were not valid JSON." }));
    return requestResponse(counted, out, null);
  }
  out.push({ type: "bridge", request: { kind: "tool", callId, name, arguments: parsed } });
  setTimer(out, `toolFiller:${callId}`, s.config.toolFillerMs);
  setTimer(out, `toolTimeout:${callId}`, s.config.toolTimeoutMs);
  return { ...counted, pendingTools: { ...s.pendingTools, [callId]: { name } } };
}

export function onToolFiller(s: CallState, out: CallAction[], callId: string): CallState {
  const phrases = s.context?.phrases;
  if (!s.pendingTools[callId] || !phrases) return s;
  return requestResponse(s, out, phrases.toolFiller, true);
}

export function onToolResult(
  s: CallState,
  out: CallAction[],
  callId: string,
  result: ToolCallResult,
): CallState {
  const tool = s.pendingTools[callId];
  if (!tool) {
    // Already answered with a failure at the timeout; the model has moved on.
    log(out, "warn", "tool_result_late", { callId });
    return s;
  }
  cancelTimer(out, `toolFiller:${callId}`);
  cancelTimer(out, `toolTimeout:${callId}`);
  send(s, out, functionCallOutput(callId, result.output));
  let next = requestResponse(withoutTool(s, callId), out, result.followUp ?? null);
  if (result.endCall && !next.ending) {
    // Ends after the model's next response (it says goodbye), or at the deadline.
    setTimer(out, "goodbyeDeadline", s.config.goodbyeDeadlineMs);
    next = { ...next, ending: { reason: "assistant_goodbye" } };
  }
  return next;
}

/** Timeout or error: the model gets an honest failure so it can tell the caller, and the call goes on. */
export function onToolFailed(
  s: CallState,
  out: CallAction[],
  callId: string,
  why: "timeout" | "error",
): CallState {
  const tool = s.pendingTools[callId];
  if (!tool) return s;
  cancelTimer(out, `toolFiller:${callId}`);
  cancelTimer(out, `toolTimeout:${callId}`);
  log(out, "warn", "tool_failed", { name: tool.name, why });
  const error = why === "timeout" ? "The service did not answer in time." : "The service failed.";
  send(s, out, functionCallOutput(callId, { ok: false, error, retryable: true }));
  return requestResponse(withoutTool(s, callId), out, null);
}
