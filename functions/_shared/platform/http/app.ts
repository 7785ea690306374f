import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody } from "../errors.ts";
import { describeError, type Logger } from "../log.ts";

export interface AppVariables {
  requestId: string;
  log: Logger;
}

export type FunctionEnv = { Variables: AppVariables };

export interface FunctionAppOptions {
  /** The function's name, also its base path: Supabase serves it at /functions/v1/<name>. */
  name: string;
  log: Logger;
  /** Bodies larger than this are refused with 413 before any handler reads them. */
  maxBodyBytes?: number;
  /** The function's own expected refusals, as the AppError to answer with; undefined for anything else. */
  expected?: (error: unknown) => AppError | undefined;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A client's `x-request-id` is echoed and logged only when it is a plain id; anything else gets a fresh one. */
export function requestIdOf(given: string | undefined): string {
  return given !== undefined && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * The shell every function shares: base path, a request id on every log line, a body limit, and one
 * place where errors become `{ error: { code, message } }` bodies. Unknown errors are logged once and
 * answered with a generic 500 so no internal detail reaches a caller.
 */
export function createFunctionApp({
  name,
  log,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  expected,
}: FunctionAppOptions) {
  const app = new Hono<FunctionEnv>().basePath(`/${name}`);

  app.use(async (c, next) => {
    const requestId = requestIdOf(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    c.set("log", log.child({ requestId, method: c.req.method, path: c.req.path }));
    c.header("x-request-id", requestId);
    const started = performance.now();
    await next();
    c.var.log.info("request", { status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(errorBody("payload_too_large", `Request bodies are limited to ${maxBodyBytes} bytes.`), 413),
    }),
  );

  app.notFound((c) => c.json(errorBody("not_found", "No such route."), 404));

  app.onError((thrown, c) => {
    const requestLog = c.var.log ?? log;
    const error = expected?.(thrown) ?? thrown;
    if (error instanceof AppError) {
      requestLog.warn("request refused", { status: error.status, code: error.code });
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof HTTPException) {
      requestLog.warn("request refused", { status: error.status });
      return c.json(
        errorBody(codeForStatus(error.status), error.message || "Request refused."),
        error.status,
      );
    }
    requestLog.error("unhandled error", describeError(error));
    return c.json(errorBody("internal", "Something went wrong on our side."), 500);
  });

  return app;
}

function codeForStatus(status: number): string {
  if (status === 400) return "bad_request";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 413) return "payload_too_large";
  return "request_refused";
}
