import { createMiddleware } from "hono/factory";
import {
  signatureHeaders,
  signedPathOf,
  verifyRequest,
} from "../_shared/contracts/signing/request-signature.ts";
import {
  type BridgeSession,
  claimRequestNonce,
  isActive,
  loadBridgeSession,
} from "../_shared/domain/sessions/bridge-session.ts";
import type { Database } from "../_shared/platform/db.ts";
import { AppError } from "../_shared/platform/errors.ts";
import type { FunctionEnv } from "../_shared/platform/http/app.ts";

export type BridgeEnv = FunctionEnv & {
  Variables: FunctionEnv["Variables"] & { session: BridgeSession; rawBody: string };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Only the Worker may call: purpose, method, path, timestamp (±300 s), nonce and body hash must carry our
 * HMAC, the nonce must not have been used before, and the call session named in the path must exist — and, except for the
 * end-of-call report, still be live. The replay record and the session check share one transaction, so
 * a refused request changes nothing.
 */
export function bridgeAuth(db: Database, secret: string, options: { allowEnded: boolean }) {
  return createMiddleware<BridgeEnv>(async (c, next) => {
    const rawBody = await c.req.text();
    const check = await verifyRequest(
      secret,
      "bridge",
      { method: c.req.method, path: signedPathOf(c.req.url), body: rawBody },
      signatureHeaders((name) => c.req.header(name)),
    );
    if (!check.ok) {
      c.var.log.warn("bridge signature rejected", { reason: check.reason });
      if (check.reason === "expired") {
        throw new AppError(
          403,
          "signature_expired",
          "The request's timestamp is outside the allowed window.",
        );
      }
      throw new AppError(403, "invalid_signature", "The request's signature is missing or wrong.");
    }
    const sessionId = c.req.param("id") ?? "";
    const session = await db.asService(async (tx) => {
      if (!(await claimRequestNonce(tx, check.nonce, check.timestamp))) {
        throw new AppError(409, "replayed_request", "This signed request was already received.");
      }
      const found = UUID.test(sessionId) ? await loadBridgeSession(tx, sessionId) : null;
      if (!found) throw new AppError(404, "unknown_session", "No call session with that id.");
      if (!options.allowEnded && !isActive(found)) {
        throw new AppError(409, "session_ended", "That call session has ended.");
      }
      return found;
    });
    c.set("session", session);
    c.set("rawBody", rawBody);
    await next();
  });
}
