/**
 * Twilio's REST API (Calls, Messages, Verify v2) over fetch, in Twilio's wire format: form-encoded
 * requests, HTTP Basic auth, JSON responses. Plain fetch rather than the `twilio` package because the
 * same adapter runs in the Edge Functions (Deno) and in the bridge Worker (workerd), where the package's
 * Node HTTP client does not. Base URLs come from configuration, so the simulator and Twilio differ by
 * settings only.
 */

import {
  ACCOUNT_SID_PATTERN,
  CALL_SID_PATTERN,
  SERVICE_SID_PATTERN,
  sidSegment,
} from "../contracts/twilio-sids.ts";

export interface TwilioRestConfig {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com in production. */
  apiBaseUrl: string;
  /** https://verify.twilio.com in production. */
  verifyBaseUrl?: string;
  verifyServiceSid?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface CallResource {
  sid: string;
  status: string;
  to: string;
  from: string;
  /** Connected seconds as a string, once the call has ended; null before. */
  duration?: string | null;
}

export interface MessageResource {
  sid: string;
  status: string;
}

export interface VerificationResource {
  sid: string;
  status: "pending" | "approved" | "canceled" | "max_attempts_reached" | "deleted" | "failed" | "expired";
}

export interface CreateCallParams {
  to: string;
  from: string;
  /** The voice webhook Twilio fetches when the call connects. */
  url: string;
  statusCallback: string;
  /** Answering-machine detection: DetectMessageEnd waits for the greeting to finish (for voicemails). */
  machineDetection?: "Enable" | "DetectMessageEnd";
  /** Seconds to let it ring. */
  timeout?: number;
}

/** A Twilio error as the API reports it; `code` is Twilio's numeric error code (e.g. 60202, 20404). */
export class TwilioApiError extends Error {
  override name = "TwilioApiError";
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Twilio surely did not act on the request: it was rate limited (429) or unavailable (503). */
export function twilioRefusedTransiently(error: unknown): boolean {
  return error instanceof TwilioApiError && (error.status === 429 || error.status === 503);
}

/** Twilio has no such resource (404): for a call, one it never created or no longer knows. */
export function twilioHasNoSuch(error: unknown): boolean {
  return error instanceof TwilioApiError && error.status === 404;
}

export function createTwilioRest(config: TwilioRestConfig) {
  const doFetch = config.fetch ?? fetch;
  const auth = `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`;
  // Checked per request, not at construction, so a misconfigured account fails the request, not the app.
  const accountPath = () =>
    `${config.apiBaseUrl}/2010-04-01/Accounts/${sidSegment(config.accountSid, ACCOUNT_SID_PATTERN)}`;
  // Every id put into a path is format-checked and encoded: a forged CallSid never reaches another resource.
  const callPath = (callSid: string) =>
    `${accountPath()}/Calls/${sidSegment(callSid, CALL_SID_PATTERN)}.json`;

  async function post<T>(url: string, params: Record<string, string | undefined>): Promise<T> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) body.append(key, value);
    return send<T>(url, "POST", body);
  }

  async function send<T>(url: string, method: "GET" | "POST", body?: URLSearchParams): Promise<T> {
    const response = await doFetch(url, {
      method,
      headers: {
        Authorization: auth,
        ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        Accept: "application/json",
      },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!response.ok) {
      const code = typeof json.code === "number" ? json.code : null;
      const message = typeof json.message === "string" ? json.message : `Twilio answered ${response.status}`;
      throw new TwilioApiError(response.status, code, message);
    }
    return json as T;
  }

  function verifyUrl(path: string): string {
    if (!config.verifyBaseUrl || !config.verifyServiceSid) {
      throw new Error("Twilio Verify is not configured (TWILIO_VERIFY_BASE_URL, TWILIO_VERIFY_SERVICE_SID).");
    }
    return `${config.verifyBaseUrl}/v2/Services/${sidSegment(config.verifyServiceSid, SERVICE_SID_PATTERN)}/${path}`;
  }

  return {
    createCall: (params: CreateCallParams) =>
      post<CallResource>(`${accountPath()}/Calls.json`, {
        To: params.to,
        From: params.from,
        Url: params.url,
        Method: "POST",
        StatusCallback: params.statusCallback,
        StatusCallbackMethod: "POST",
        StatusCallbackEvent: "initiated ringing answered completed",
        MachineDetection: params.machineDetection,
        Timeout: params.timeout === undefined ? undefined : String(params.timeout),
      }),
    /** The call as Twilio knows it (its status, and its duration once over); a 404 TwilioApiError if unknown. */
    fetchCall: (callSid: string) => send<CallResource>(callPath(callSid), "GET"),
    /** The account itself: the cheapest authenticated read, for health checks. */
    fetchAccount: () => send<{ sid: string; status: string }>(`${accountPath()}.json`, "GET"),
    /** Ends a live call. */
    hangUp: (callSid: string) => post<CallResource>(callPath(callSid), { Status: "completed" }),
    /** Replaces a live call's instructions, e.g. speak an apology and hang up. */
    updateTwiml: (callSid: string, twiml: string) => post<CallResource>(callPath(callSid), { Twiml: twiml }),
    sendSms: (to: string, from: string, body: string) =>
      post<MessageResource>(`${accountPath()}/Messages.json`, { To: to, From: from, Body: body }),
    startVerification: (to: string, channel: "sms" | "call") =>
      post<VerificationResource>(verifyUrl("Verifications"), { To: to, Channel: channel }),
    checkVerification: (to: string, code: string) =>
      post<VerificationResource>(verifyUrl("VerificationCheck"), { To: to, Code: code }),
  };
}

export type TwilioRest = ReturnType<typeof createTwilioRest>;
