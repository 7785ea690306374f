import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { errorBody } from "./errors.ts";

/** HTTP Basic with AccountSid:AuthToken, answered like Twilio when missing or wrong. */
export function twilioBasicAuth(accountSid: string, authToken: string): MiddlewareHandler {
  const expected = Buffer.from(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`);
  return async (c, next) => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      c.header("WWW-Authenticate", 'Basic realm="Twilio API"');
      return c.json(errorBody(401, 20003, "Authenticate"), 401);
    }
    await next();
  };
}
