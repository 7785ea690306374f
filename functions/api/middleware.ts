import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { matchedRoutes } from "hono/route";
import type { z } from "zod";
import type { JwtVerifier } from "../_shared/platform/auth/verify-jwt.ts";
import { AppError, errorBody } from "../_shared/platform/errors.ts";
import type { ApiEnv } from "./env.ts";
import { Refused } from "./refusals.ts";

/**
 * A valid Supabase user JWT in `Authorization: Bearer …`, or 401 before any route runs. A path no route
 * serves passes through to the 404, so a missing route never looks like a sign-in problem.
 */
export function requireUser(verify: JwtVerifier): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!matchedRoutes(c).some((route) => route.method !== "ALL")) return next();
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header);
    const claims = match?.[1] ? await verify(match[1]) : null;
    if (!claims) {
      c.var.log.warn("request refused", { status: 401, reason: match ? "invalid token" : "no token" });
      c.header("WWW-Authenticate", 'Bearer realm="api"');
      return c.json(errorBody("unauthorized", "Please sign in again."), 401);
    }
    c.set("claims", claims);
    c.set("log", c.var.log.child({ userId: claims.sub }));
    await next();
  };
}

/**
 * CORS for the listed origins only. Another origin gets no Access-Control-* headers at all (the browser
 * then refuses), and the allowed origin is echoed, never `*`, since requests carry credentials.
 */
export function corsFor(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["authorization", "content-type", "apikey", "x-client-info", "x-request-id"],
    exposeHeaders: ["retry-after", "x-request-id"],
    maxAge: 600,
    credentials: true,
  });
}

/** zod-openapi's hook: a request that fails its schema becomes a 400 naming the first field at fault. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  _c: Context,
): undefined {
  if (result.success) return undefined;
  throw new AppError(400, "invalid_request", describeIssue(result.error.issues[0], result.target));
}

function describeIssue(issue: z.core.$ZodIssue | undefined, target?: string): string {
  if (!issue) return "The request is not valid.";
  const field = issue.path.map(String).join(".") || (target === "json" ? "body" : (target ?? "request"));
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message))
    return `${field} is required.`;
  if (issue.code === "invalid_type")
    return `${field} has the wrong type (${issue.message.replace(/^Invalid input: /, "")}).`;
  const message = issue.message.replace(/^Invalid input: /, "");
  return `${field} ${/^(must|is|needs|has)\b/.test(message) ? message : `is not valid: ${message}`}.`.replace(
    /\.\.$/,
    ".",
  );
}

/**
 * Refuses a JSON body carrying a NUL character (raw or as the `\u0000` escape): Postgres text cannot hold
 * it, so without this check such a value became a 500 from the database instead of a 400.
 */
export function refuseNulCharacters(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const text = await c.req.text();
      if (text.includes("\\u0000") || text.includes("\0"))
        throw new AppError(400, "invalid_request", "The request contains a NUL character.");
    }
    await next();
  };
}

/** A rate-limit refusal (mapped to 429 by the shared error handler) also says when to retry. */
export function retryAfter(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const refusal = c.error instanceof Refused ? c.error.refusal : null;
    if (refusal?.code === "rate_limited") c.res.headers.set("Retry-After", String(refusal.retryAfterSeconds));
  };
}
