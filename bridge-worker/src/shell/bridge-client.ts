import type { z } from "zod";
import {
  type BridgeRoute,
  bridgePath,
  type CallEventReport,
  type CallSummary,
  callContext,
  insightsStored,
  minutesStatus,
  ok,
  signRequest,
  toolCallResult,
  transcriptResult,
} from "../../../functions/_shared/contracts/index.ts";

const TIMEOUT_MS = 10_000;

/**
 * A call to functions/bridge that did not give a valid answer. `status` is the HTTP status (null when the
 * function was not reached or timed out); `transient` says whether the same request could succeed later.
 */
export class BridgeCallError extends Error {
  override name = "BridgeCallError";
  constructor(
    readonly route: BridgeRoute,
    readonly status: number | null,
    readonly kind: "unreachable" | "refused" | "failed" | "malformed",
    message: string,
  ) {
    super(message);
  }

  get transient(): boolean {
    return this.kind === "unreachable" || this.kind === "failed";
  }
}

/**
 * Signed calls to functions/bridge (HMAC over method, path, timestamp, nonce and body hash); the only way the Worker learns about a
 * call. Every reply is validated against the contract: one that does not match is a `malformed` failure.
 */
export function createBridgeClient(
  functionsUrl: string,
  secret: string,
  callSessionId: string,
  doFetch: typeof fetch = fetch,
) {
  const base = functionsUrl.replace(/\/+$/, "");

  async function post<S extends z.ZodType>(
    route: BridgeRoute,
    payload: unknown,
    reply: S,
    toolName = "",
  ): Promise<z.infer<S>> {
    const body = JSON.stringify(payload);
    const path = bridgePath(route, callSessionId, toolName);
    const headers = await signRequest(secret, "bridge", { method: "POST", path, body });
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${base}${path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw new BridgeCallError(route, null, "unreachable", `bridge ${route} not reached: ${String(error)}`);
    }
    if (!response.ok) {
      const kind = response.status >= 500 || response.status === 429 ? "failed" : "refused";
      throw new BridgeCallError(route, response.status, kind, `bridge ${route} answered ${response.status}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BridgeCallError(route, response.status, "malformed", `bridge ${route} answered non-JSON`);
    }
    const parsed = reply.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
      throw new BridgeCallError(
        route,
        response.status,
        "malformed",
        `bridge ${route} reply broke the contract at ${where}`,
      );
    }
    return parsed.data;
  }

  return {
    context: () => post("context", {}, callContext),
    tool: (name: string, callId: string, args: unknown) =>
      post("tool", { callId, arguments: args }, toolCallResult, name),
    transcript: (text: string) => post("transcript", { text }, transcriptResult),
    minutes: () => post("minutes", {}, minutesStatus),
    optOut: () => post("optOut", {}, ok),
    end: (summary: CallSummary) => post("end", summary, ok),
    event: (report: CallEventReport) => post("events", report, ok),
    insights: (text: string) => post("insights", { text }, insightsStored),
  };
}

export type BridgeClient = ReturnType<typeof createBridgeClient>;
