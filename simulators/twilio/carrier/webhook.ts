import { performance } from "node:perf_hooks";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";

export interface WebhookRequest {
  url: string;
  method: "GET" | "POST";
  params: Record<string, string>;
}

export interface WebhookOutcome {
  url: string;
  method: "GET" | "POST";
  ms: number;
  httpStatus: number | null;
  body: string;
  /** Twilio's debugger code when the request failed: 11200 bad HTTP status, 11205 no connection or timeout. */
  errorCode: 11200 | 11205 | null;
  error: string | null;
}

/**
 * One request from "Twilio" to our functions, signed the way Twilio signs: HMAC-SHA1 over the exact URL
 * plus, for POST, every form parameter sorted by name; for GET the parameters go in the query string and
 * are signed as part of the URL.
 */
export async function sendWebhook(
  request: WebhookRequest,
  authToken: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WebhookOutcome> {
  const form = new URLSearchParams(request.params).toString();
  const url = request.method === "GET" ? appendQuery(request.url, form) : request.url;
  const signature = getExpectedTwilioSignature(
    authToken,
    url,
    request.method === "GET" ? {} : request.params,
  );
  const started = performance.now();
  const outcome = (fields: Partial<WebhookOutcome>): WebhookOutcome => ({
    url: request.url,
    method: request.method,
    ms: Math.round(performance.now() - started),
    httpStatus: null,
    body: "",
    errorCode: null,
    error: null,
    ...fields,
  });
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: {
        "X-Twilio-Signature": signature,
        "User-Agent": "TwilioProxy/1.1",
        Accept: "*/*",
        ...(request.method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(request.method === "POST" ? { body: form } : {}),
      signal: AbortSignal.any(signals),
    });
    const body = await response.text();
    if (!response.ok) {
      return outcome({
        httpStatus: response.status,
        body,
        errorCode: 11200,
        error: `HTTP ${response.status}`,
      });
    }
    return outcome({ httpStatus: response.status, body });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const message = timedOut ? `no answer within ${timeoutMs} ms` : describe(error);
    return outcome({ errorCode: 11205, error: message });
  }
}

function appendQuery(url: string, query: string): string {
  if (query === "") return url;
  return url + (url.includes("?") ? "&" : "?") + query;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
