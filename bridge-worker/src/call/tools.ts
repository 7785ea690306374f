import { INSIGHTS_TOOL_NAME, type ToolCallResult } from "../../../functions/_shared/contracts/index.ts";
import { functionCallOutput } from "../grok/client-events.ts";
import { interrupt } from "./playback.ts";
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
    const say = "The arguments were not valid JSON. Call the function again with valid JSON arguments.";
    send(s, out, functionCallOutput(callId, { ok: false, reason: "invalid_arguments", say }));
    return requestResponse(counted, out, null);
  }
  out.push({ type: "bridge", request: { kind: "tool", callId, name, arguments: parsed } });
  setTimer(out, `toolFiller:${callId}`, s.config.toolFillerMs);
  setTimer(out, `toolTimeout:${callId}`, s.config.toolTimeoutMs);
  return { ...counted, pendingTools: { ...s.pendingTools, [callId]: { name } } };
}

/**
 * A key the call's context lends to a tool was pressed: the tool is posted to functions/bridge as the
 * model's would be (`{ via: "keypad" }`), with a give-up timer but no filler; its result is not a
 * function output (the model never called it) but the model's next response, from the result's `followUp`.
 */
export function onKeyTool(s: CallState, out: CallAction[], digit: string, name: string): CallState {
  const toolCalls = s.stats.toolCalls + 1;
  const callId = `key_${digit}_${toolCalls}`;
  out.push({ type: "bridge", request: { kind: "tool", callId, name, arguments: { via: "keypad" } } });
  setTimer(out, `toolTimeout:${callId}`, s.config.toolTimeoutMs);
  return {
    ...s,
    stats: { ...s.stats, toolCalls },
    pendingTools: { ...s.pendingTools, [callId]: { name, key: true } },
  };
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
  if (tool.key) {
    const rest = withoutTool(s, callId);
    return result.followUp ? requestResponse(interrupt(rest, out), out, result.followUp) : rest;
  }
  send(s, out, functionCallOutput(callId, result.output));
  const logged = s.insightsLogged || (tool.name === INSIGHTS_TOOL_NAME && result.output.ok !== false);
  let next = requestResponse(
    { ...withoutTool(s, callId), insightsLogged: logged },
    out,
    result.followUp ?? null,
  );
  if (result.endCall && !next.ending) {
    // Ends after the model's next response (it says goodbye), or at the deadline.
    setTimer(out, "goodbyeDeadline", s.config.goodbyeDeadlineMs);
    next = { ...next, ending: { reason: "assistant_goodbye" } };
  }
  return next;
}

/**
 * What the model reads when a tool call failed (expected refusals never get here: they are the tool's own
 * output). Only a transient failure — a timeout, the service unreachable or failing — invites a retry.
 */
const FAILURES = {
  timeout: {
    ok: false,
    reason: "timeout",
    say: "The service did not answer in time. You may try once more; otherwise tell them you could not do it just now.",
    retryable: true,
  },
  error: {
    ok: false,
    reason: "unavailable",
    say: "The service is having trouble. You may try once more; otherwise tell them you could not do it just now.",
    retryable: true,
  },
  refused: {
    ok: false,
    reason: "failed",
    say: "That could not be done. Do not try it again; tell them kindly that you could not do it.",
    retryable: false,
  },
} as const;

/** Timeout or failure: the model gets an honest answer so it can tell the caller, and the call goes on. */
export function onToolFailed(
  s: CallState,
  out: CallAction[],
  callId: string,
  why: keyof typeof FAILURES,
): CallState {
  const tool = s.pendingTools[callId];
  if (!tool) return s;
  cancelTimer(out, `toolFiller:${callId}`);
  cancelTimer(out, `toolTimeout:${callId}`);
  log(out, "warn", "tool_failed", { name: tool.name, why });
  // A key's tool has no model call to answer; the person can press again or say yes.
  if (tool.key) return withoutTool(s, callId);
  send(s, out, functionCallOutput(callId, FAILURES[why]));
  return requestResponse(withoutTool(s, callId), out, null);
}
