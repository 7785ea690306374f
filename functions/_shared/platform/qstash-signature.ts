import { Receiver } from "@upstash/qstash";
import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors.ts";

/**
 * Lets a request through only when `Upstash-Signature` is a QStash JWT for exactly `url` and this body,
 * signed with the current or the next signing key and within its lifetime. The URL is the configured
 * public one, never rebuilt from request headers.
 */
export function qstashSignature(keys: { current: string; next: string }, url: string): MiddlewareHandler {
  // devMode: false — otherwise a QSTASH_DEV variable in the environment makes the Receiver ignore our keys
  // and accept the local dev server's, which are published in the SDK's source.
  const receiver = new Receiver({
    currentSigningKey: keys.current,
    nextSigningKey: keys.next,
    devMode: false,
  });
  return async (c, next) => {
    const signature = c.req.header("upstash-signature");
    const body = await c.req.text();
    if (!signature) throw new AppError(401, "invalid_signature", "The request is not signed by QStash.");
    const valid = await receiver.verify({ signature, body, url }).catch(() => false);
    if (!valid) throw new AppError(401, "invalid_signature", "The request is not signed by QStash.");
    await next();
  };
}
