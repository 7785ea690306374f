import type { BridgeRequest, CallEvent } from "../call/types.ts";
import type { BridgeClient } from "./bridge-client.ts";

/** The requests whose replies go back into the reducer; context and end are the shell's own business. */
export type ReplyRequest = Extract<BridgeRequest, { kind: "tool" | "transcript" | "minutes" | "optOut" }>;

export type BridgeOutcome = { event: CallEvent } | { failure: string; error: string };

/**
 * One call to functions/bridge, its reply turned into the reducer's next event. Failures the reducer must
 * know about (a tool, the opt-out) become events too; the others (transcript backstop, minute re-check)
 * are best effort and only reported.
 */
export async function requestBridge(bridge: BridgeClient, request: ReplyRequest): Promise<BridgeOutcome> {
  switch (request.kind) {
    case "tool":
      return bridge.tool(request.name, request.callId, request.arguments).then(
        (result): BridgeOutcome => ({ event: { type: "tool.result", callId: request.callId, result } }),
        (error): BridgeOutcome => ({
          event: { type: "tool.failed", callId: request.callId, message: String(error) },
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
  }
}
