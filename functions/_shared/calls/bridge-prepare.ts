import { signRequest } from "../signing/request-signature.ts";

/**
 * Asks the bridge Worker to load the call's context and open Grok while Twilio is still opening the
 * media stream, so the greeting can start the moment the stream does. Best effort: a failure only
 * means the Worker prepares when the stream arrives.
 */
export async function requestBridgePrepare(
  workerUrl: string,
  secret: string,
  callSessionId: string,
  doFetch: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify({ callSessionId });
  const headers = await signRequest(secret, "prepare", body);
  const response = await doFetch(`${workerUrl.replace(/\/+$/, "")}/calls/${callSessionId}/prepare`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`bridge prepare answered ${response.status}`);
}
