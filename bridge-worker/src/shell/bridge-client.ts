import type {
  CallContext,
  CallEventReport,
  CallSummary,
  MinutesStatus,
  ToolCallResult,
  TranscriptResult,
} from "../../../functions/_shared/contracts/bridge.ts";
import { signRequest } from "../../../functions/_shared/signing/request-signature.ts";

const TIMEOUT_MS = 10_000;

/** Signed calls to functions/bridge (HMAC over timestamp and body); the only way the Worker learns about a call. */
export function createBridgeClient(
  functionsUrl: string,
  secret: string,
  callSessionId: string,
  doFetch: typeof fetch = fetch,
) {
  const base = `${functionsUrl.replace(/\/+$/, "")}/bridge/sessions/${callSessionId}`;

  async function post<T>(path: string, payload: unknown): Promise<T> {
    const body = JSON.stringify(payload);
    const headers = await signRequest(secret, "bridge", body);
    const response = await doFetch(`${base}/${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`bridge ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  return {
    context: () => post<CallContext>("context", {}),
    tool: (name: string, callId: string, args: unknown) =>
      post<ToolCallResult>(`tools/${encodeURIComponent(name)}`, { callId, arguments: args }),
    transcript: (text: string) => post<TranscriptResult>("transcript", { text }),
    minutes: () => post<MinutesStatus>("minutes", {}),
    optOut: () => post<{ ok: true }>("opt-out", {}),
    end: (summary: CallSummary) => post<{ ok: true }>("end", summary),
    event: (report: CallEventReport) => post<{ ok: true }>("events", report),
  };
}

export type BridgeClient = ReturnType<typeof createBridgeClient>;
