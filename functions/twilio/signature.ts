import { createMiddleware } from "hono/factory";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { AppError } from "../_shared/platform/errors.ts";
import type { FunctionEnv } from "../_shared/platform/http/app.ts";

export type TwilioEnv = FunctionEnv & {
  Variables: FunctionEnv["Variables"] & {
    twilioParams: Record<string, string>;
    /** False when the signature only held without StirVerstat and CallToken: those values are not signed. */
    attestationSigned: boolean;
  };
};

/** Parameters one public project reports Twilio adds after signing (unconfirmed; see twilio.md). */
const UNSIGNED_CANDIDATES = ["StirVerstat", "CallToken"] as const;

/**
 * Checks X-Twilio-Signature with the `twilio` package's validator before anything else runs. The URL
 * Twilio signed is rebuilt from the configured public base URL plus the path and query we were called
 * with, never from Host or X-Forwarded-* headers, which an attacker controls. If the signature fails over
 * every parameter but holds without StirVerstat and CallToken, the webhook is accepted but its
 * attestation counts as unsigned (the call is treated as unattested).
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
    let attestationSigned =
      Boolean(signature) && validateRequest(authToken, signature ?? "", publicUrl, params);
    let valid = attestationSigned;
    if (!valid && signature && UNSIGNED_CANDIDATES.some((name) => name in params)) {
      const rest = { ...params };
      for (const name of UNSIGNED_CANDIDATES) delete rest[name];
      valid = validateRequest(authToken, signature, publicUrl, rest);
      attestationSigned = false;
      // Logged on its own line so production shows whether Twilio signs these parameters or not.
      if (valid)
        c.var.log.warn("twilio signature holds only without StirVerstat/CallToken", {
          path: requestUrl.pathname,
        });
    }
    if (!valid) {
      c.var.log.warn("twilio signature rejected", {
        hasSignature: Boolean(signature),
        path: requestUrl.pathname,
      });
      throw new AppError(403, "invalid_signature", "The request's Twilio signature is missing or wrong.");
    }
    c.set("twilioParams", params);
    c.set("attestationSigned", attestationSigned);
    await next();
  });
}
