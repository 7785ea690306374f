import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { jwtVerify } from "jose";

/** The GoTrue API version auth-js reads error codes under. */
const API_VERSION = "2024-01-01";

/** A GoTrue error: `{code, message}` with the version header auth-js needs to read `code`. */
export function authError(
  status: 400 | 401 | 403 | 404 | 422,
  code: string,
  message: string,
  extra: object = {},
): Response {
  return Response.json(
    { code, message, ...extra },
    { status, headers: { "X-Supabase-Api-Version": API_VERSION, "x-sb-error-code": code } },
  );
}

/** The role an API key (`apikey`) was signed for, if signed with the project's secret. */
export async function apiKeyRole(key: string, secretKey: Uint8Array): Promise<unknown> {
  return jwtVerify(key, secretKey, { algorithms: ["HS256"] }).then(
    ({ payload }) => payload.role,
    () => undefined,
  );
}

/**
 * Kong in front of GoTrue: CORS for the web app's origins, and the anon (or service) key with every
 * request but the e-mailed links, which a mail client opens with nothing else (Kong's open
 * `/auth/v1/verify` route).
 */
export function gateway(allowed: ReadonlySet<string>, secretKey: Uint8Array): MiddlewareHandler[] {
  const apiKey: MiddlewareHandler = async (c, next) => {
    if (c.req.method === "GET" && c.req.path === "/auth/v1/verify") return next();
    const key = c.req.header("apikey");
    const role = key ? await apiKeyRole(key, secretKey) : undefined;
    if (role !== "anon" && role !== "service_role") {
      return c.json({ message: key ? "Invalid API key" : "No API key found in request" }, 401);
    }
    c.header("X-Supabase-Api-Version", API_VERSION);
    await next();
  };
  return [
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ["GET", "POST", "PUT", "OPTIONS"],
      allowHeaders: ["authorization", "apikey", "content-type", "x-client-info", "x-supabase-api-version"],
      exposeHeaders: ["x-supabase-api-version", "x-sb-error-code"],
      credentials: true,
    }),
    apiKey,
  ];
}
