import {
  ACCOUNT_SID_PATTERN,
  CALL_SID_PATTERN,
  sayThenHangUp,
  sidSegment,
} from "../../../functions/_shared/contracts/index.ts";

/**
 * The two live-call updates the Worker makes through Twilio's REST API (Calls resource: form-encoded POST,
 * HTTP Basic auth): complete the call, or replace its TwiML with an apology and a hang-up. The base URL is
 * configuration, so the simulator and Twilio differ by settings only.
 */
export interface TwilioCallsConfig {
  accountSid: string;
  /** An API key (SK…) and its secret: Basic auth for REST, while the account SID names the resource. */
  apiKeySid: string;
  apiKeySecret: string;
  /** https://api.twilio.com in production. */
  apiBaseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A refused or failed update; `status` is null when Twilio was not reached at all. */
export class TwilioCallError extends Error {
  override name = "TwilioCallError";
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }

  /** Worth another attempt: Twilio unreachable, rate limited or failing (a 4xx will answer the same again). */
  get transient(): boolean {
    return this.status === null || this.status === 429 || this.status >= 500;
  }
}

export function createTwilioCalls(config: TwilioCallsConfig) {
  const doFetch = config.fetch ?? fetch;
  const auth = `Basic ${btoa(`${config.apiKeySid}:${config.apiKeySecret}`)}`;
  const apiBase = config.apiBaseUrl.replace(/\/+$/, "");

  async function update(callSid: string, params: Record<string, string>): Promise<void> {
    // Every id in the path is format-checked and encoded before any request; a forged one is a 4xx-like
    // refusal (status 400, not transient), so it is never retried.
    let path: string;
    try {
      path = `/2010-04-01/Accounts/${sidSegment(config.accountSid, ACCOUNT_SID_PATTERN)}/Calls/${sidSegment(callSid, CALL_SID_PATTERN)}.json`;
    } catch (error) {
      throw new TwilioCallError(400, String(error));
    }
    let response: Response;
    try {
      response = await doFetch(`${apiBase}${path}`, {
        method: "POST",
        headers: {
          Authorization: auth,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new TwilioCallError(null, `Twilio not reached: ${String(error)}`);
    }
    await response.body?.cancel();
    if (!response.ok) throw new TwilioCallError(response.status, `Twilio answered ${response.status}`);
  }

  return {
    /** Ends a live call. */
    hangUp: (callSid: string) => update(callSid, { Status: "completed" }),
    /** Speaks `text` (in `language`, BCP-47) and hangs up. */
    sayThenHangUp: (callSid: string, text: string, language: string | null) =>
      update(callSid, { Twiml: sayThenHangUp([{ sentences: [text], language }]) }),
  };
}

export type TwilioCalls = ReturnType<typeof createTwilioCalls>;
