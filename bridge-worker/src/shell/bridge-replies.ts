import type { BridgeRequest, CallEvent } from "../call/types.ts";
import { BridgeCallError, type BridgeClient } from "./bridge-client.ts";

export type BridgeOutcome = { event: CallEvent } | { failure: string; error: string } | null;

function transient(error: unknown): boolean {
  return error instanceof BridgeCallError ? error.transient : true;
}

/**
 * One call to functions/bridge, its reply turned into the reducer's next event. Failures the reducer must
 * know about (context, a tool, the opt-out, the end post) become events too; the others (transcript
 * backstop, minute re-check) are best effort and only reported. A successful end post needs nothing.
 */
export async function requestBridge(bridge: BridgeClient, request: BridgeRequest): Promise<BridgeOutcome> {
  switch (request.kind) {
    case "context":
      return bridge.context().then(
        (context): BridgeOutcome => ({ event: { type: "context.loaded", context } }),
        (error): BridgeOutcome => ({ event: { type: "context.failed", message: String(error) } }),
      );
    case "tool":
      return bridge.tool(request.name, request.callId, request.arguments).then(
        (result): BridgeOutcome => ({ event: { type: "tool.result", callId: request.callId, result } }),
        (error): BridgeOutcome => ({
          event: {
            type: "tool.failed",
            callId: request.callId,
            message: String(error),
            retryable: transient(error),
          },
        }),
      );
    case "transcript":
      return bridge.transcript(request.text).then(
        ({ hint }): BridgeOutcome => ({ event: { type: "transcript.hint", hint } }),
        (error): BridgeOutcome => ({ failure: "transcript_post_failed", error: String(error) }),
      );
    case "minutes":
      return bridge.minutes().then(
        (minutes): BridgeOutcome => ({ event: { type: "minutes.status", minutes } }),
        (error): BridgeOutcome => ({ failure: "minutes_check_failed", error: String(error) }),
      );
    case "optOut":
      return bridge.optOut().then(
        (): BridgeOutcome => ({ event: { type: "optOut.recorded", ok: true } }),
        (): BridgeOutcome => ({ event: { type: "optOut.recorded", ok: false } }),
      );
    case "insights":
      return bridge.insights(request.text).then(
        (): BridgeOutcome => null,
        (error): BridgeOutcome => ({ failure: "insights_post_failed", error: String(error) }),
      );
    case "end":
      return bridge.end(request.summary).then(
        (): BridgeOutcome => null,
        (error): BridgeOutcome => ({
          event: {
            type: "end.failed",
            attempt: request.attempt,
            transient: transient(error),
            summary: request.summary,
          },
        }),
      );
  }
}
