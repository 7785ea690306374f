import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A Twilio REST error: `{code, message, more_info, status}` with the HTTP status of the same number. */
export class TwilioApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "TwilioApiError";
  }
}

export function errorBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export function notFound(path: string): TwilioApiError {
  return new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
}

/** Maps errors once for the whole REST surface; anything unexpected is logged and becomes Twilio's 500. */
export function onRestError(log: (line: string) => void) {
  return (error: Error, c: Context) => {
    if (error instanceof TwilioApiError) {
      return c.json(errorBody(error.status, error.code, error.message), error.status);
    }
    log(`REST ${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return c.json(errorBody(500, 20500, "Internal Server Error"), 500);
  };
}

/** Form parameters of a Twilio REST request (repeated keys allowed, as the twilio client sends lists). */
export async function readForm(c: Context): Promise<URLSearchParams> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new TwilioApiError(400, 20001, "Requests must be application/x-www-form-urlencoded");
  }
  return new URLSearchParams(await c.req.text());
}
