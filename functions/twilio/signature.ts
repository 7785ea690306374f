import { createMiddleware } from "hono/factory";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import type { FunctionEnv } from "../_shared/http/app.ts";
import { AppError } from "../_shared/http/errors.ts";

export type TwilioEnv = FunctionEnv & {
  Variables: FunctionEnv["Variables"] & { twilioParams: Record<string, string> };
};

/**
 * Checks X-Twilio-Signature with the `twilio` package's validator before anything else runs. The URL
 * Twilio signed is rebuilt from the configured public base URL plus the path and query we were called
 * with, never from Host or X-Forwarded-* headers, which an attacker controls.
 */
export function twilioSignature(authToken: string, functionsPublicUrl: string) {
  const base = functionsPublicUrl.replace(/\/+$/, "");
  return createMiddleware<TwilioEnv>(async (c, next) => {
    const signature = c.req.header("x-twilio-signature");
    const requestUrl = new URL(c.req.url);
    const publicUrl = `${base}${requestUrl.pathname}${requestUrl.search}`;
    const contentType = c.req.header("content-type") ?? "";
    if (!contentType.startsWith("application/x-www-form-urlencoded")) {
      throw new AppError(415, "unsupported_media_type", "Twilio webhooks are form-encoded.");
    }
    const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
    if (!signature || !validateRequest(authToken, signature, publicUrl, params)) {
      c.var.log.warn("twilio signature rejected", {
        hasSignature: Boolean(signature),
        path: requestUrl.pathname,
      });
      throw new AppError(403, "invalid_signature", "The request's Twilio signature is missing or wrong.");
    }
    c.set("twilioParams", params);
    await next();
  });
}
