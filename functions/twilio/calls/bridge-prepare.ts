import { type PrepareRequest, preparePath } from "../../_shared/contracts/index.ts";
import { signRequest } from "../../_shared/contracts/signing/request-signature.ts";

/**
 * Asks the bridge Worker to load the call's context and open Grok while Twilio is still opening the
 * media stream, so the greeting can start the moment the stream does. It also hands over the apology in
 * the line's language, for a model failure before the context arrives. Best effort: a failure only means
 * the Worker prepares when the stream arrives.
 */
export async function requestBridgePrepare(
  workerUrl: string,
  secret: string,
  request: PrepareRequest,
  doFetch: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify(request);
  const path = preparePath(request.callSessionId);
  const headers = await signRequest(secret, "prepare", { method: "POST", path, body });
  const response = await doFetch(`${workerUrl.replace(/\/+$/, "")}${path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`bridge prepare answered ${response.status}`);
}
