import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { errorBody } from "./errors.ts";

const basic = (user: string, password: string) =>
  Buffer.from(`Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`);

/**
 * HTTP Basic with AccountSid:AuthToken or with an API key (ApiKeySid:ApiKeySecret — the account is then
 * named by the URL), answered like Twilio when missing or wrong.
 */
export function twilioBasicAuth(
  accountSid: string,
  authToken: string,
  apiKeys: ReadonlyArray<{ sid: string; secret: string }> = [],
): MiddlewareHandler {
  const accepted = [basic(accountSid, authToken), ...apiKeys.map((key) => basic(key.sid, key.secret))];
  return async (c, next) => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    const ok = accepted.some(
      (expected) => given.length === expected.length && timingSafeEqual(given, expected),
    );
    if (!ok) {
      c.header("WWW-Authenticate", 'Basic realm="Twilio API"');
      return c.json(errorBody(401, 20003, "Authenticate"), 401);
    }
    await next();
  };
}
