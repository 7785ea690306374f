import { OpenAPIHono } from "@hono/zod-openapi";
import { dial } from "../_shared/domain/dialling/dial.ts";
import { createJwtVerifier } from "../_shared/platform/auth/verify-jwt.ts";
import { keyringFromEnv } from "../_shared/platform/crypto/keyring.ts";
import { createFunctionApp } from "../_shared/platform/http/app.ts";
import { dependencyChecks } from "../_shared/platform/http/dependency-checks.ts";
import { databaseCheck, healthHandler } from "../_shared/platform/http/health.ts";
import { createRateLimiter } from "../_shared/platform/ratelimit.ts";
import type { FunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createTwilioRest } from "../_shared/platform/twilio-rest.ts";
import { dialDepsFromEnv } from "../_shared/wiring/dialler.ts";
import { lazyBillingDeps } from "./billing/deps.ts";
import { jwtVerification, loadApiConfig } from "./config.ts";
import type { ApiEnv, ApiServices } from "./env.ts";
import { corsFor, refuseNulCharacters, requireUser, retryAfter, validationHook } from "./middleware.ts";
import { openApiDocument } from "./openapi.ts";
import { refusalError } from "./refusals.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { activityRoutes } from "./routes/activity.ts";
import { billingRoutes } from "./routes/billing.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { insightRoutes } from "./routes/insights.ts";
import { lineRoutes } from "./routes/lines.ts";
import { meRoutes } from "./routes/me.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { pauseRoutes } from "./routes/pauses.ts";
import { reminderOccurrenceRoutes } from "./routes/reminder-occurrences.ts";
import { reminderRoutes } from "./routes/reminders.ts";
import { scheduleRunRoutes } from "./routes/schedule-runs.ts";
import { scheduleRoutes } from "./routes/schedules.ts";
import { testCallRoutes } from "./routes/test-call.ts";
import { verificationRoutes } from "./routes/verification.ts";

/**
 * Every signed-in route, one sub-app per area (functions/api/routes/<area>.ts), chained so that Hono's
 * typed client (`hc<ApiApp>`) sees each route. To add an area: write `routes/<area>.ts` exporting
 * `<area>Routes(services)` — an OpenAPIHono whose routes are declared with `createRoute`, so
 * /openapi.json lists them (app.db.test.ts fails on any route it does not) — and add one
 * `.route("/", <area>Routes(services))` line below.
 */
export function apiRoutes(services: ApiServices) {
  const routes = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  routes.use(requireUser(services.verifyJwt));
  routes.use(refuseNulCharacters());
  return routes
    .route("/", meRoutes(services))
    .route("/", accountRoutes(services))
    .route("/", lineRoutes(services))
    .route("/", scheduleRoutes(services))
    .route("/", contactRoutes(services))
    .route("/", billingRoutes(services))
    .route("/", activityRoutes(services))
    .route("/", scheduleRunRoutes(services))
    .route("/", verificationRoutes(services))
    .route("/", testCallRoutes(services))
    .route("/", insightRoutes(services))
    .route("/", notificationRoutes(services))
    .route("/", pauseRoutes(services))
    .route("/", reminderRoutes(services))
    .route("/", reminderOccurrenceRoutes(services));
}

export type ApiServiceOverrides = Partial<Omit<ApiServices, "db" | "log" | "config" | "env">>;

/** Builds the services from the environment; `overrides` replace parts in tests. */
export function createApiServices(
  { db, log, env }: FunctionDeps,
  overrides: ApiServiceOverrides = {},
): ApiServices {
  const config = loadApiConfig(env);
  const keyring = overrides.keyring ?? keyringFromEnv(env);
  // Awaited where used; a bad key configuration fails those routes, not the whole function.
  keyring.catch(() => {});
  return {
    db,
    log,
    config,
    env,
    dial: overrides.dial ?? dialFromEnv(db, env, overrides.now),
    verifyJwt: overrides.verifyJwt ?? createJwtVerifier(jwtVerification(config)),
    keyring,
    now: overrides.now ?? (() => new Date()),
    billing: overrides.billing ?? lazyBillingDeps(db, env, log),
    twilio:
      overrides.twilio ??
      createTwilioRest({
        accountSid: config.TWILIO_ACCOUNT_SID,
        authToken: config.TWILIO_AUTH_TOKEN,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
        verifyBaseUrl: config.TWILIO_VERIFY_BASE_URL,
        verifyServiceSid: config.TWILIO_VERIFY_SERVICE_SID,
      }),
    ...limiterFromConfig(config, log, overrides.limit),
  };
}

function limiterFromConfig(
  config: ApiServices["config"],
  log: ApiServices["log"],
  replacement?: ApiServices["limit"],
): Pick<ApiServices, "limit" | "redisPing"> {
  if (replacement) return { limit: replacement };
  const limiter = createRateLimiter({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
    onUnavailable: (limit, error) =>
      log.error("rate limiter unavailable: refusing", {
        limit,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  return { limit: limiter, redisPing: limiter.ping };
}

function dialFromEnv(
  db: FunctionDeps["db"],
  env: FunctionDeps["env"],
  now?: () => Date,
): ApiServices["dial"] {
  const deps = dialDepsFromEnv(db, env, now ? { now } : {});
  return (request) => dial(deps, request);
}

/**
 * functions/api: CORS first (so preflights and refusals carry the right headers), then the public
 * `/health` and `/openapi.json`, then the signed-in routes behind the JWT check.
 */
export function createApiApp(deps: FunctionDeps, overrides: ApiServiceOverrides = {}) {
  const services = createApiServices(deps, overrides);
  const app = createFunctionApp({ name: "api", log: deps.log, expected: refusalError });
  app.use(corsFor(services.config.ALLOWED_ORIGINS));
  app.use(retryAfter());
  app.get(
    "/health",
    healthHandler("api", {
      database: databaseCheck(deps.db.ping),
      // Named for what it guards: without it, verification codes and test calls are refused (degraded).
      ...(services.redisPing ? { rateLimits: { run: databaseCheck(services.redisPing) } } : {}),
      ...dependencyChecks(deps.env),
    }),
  );
  const routes = apiRoutes(services);
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get("/openapi.json", (c) => {
    document ??= openApiDocument(routes, "/functions/v1");
    return c.json(document);
  });
  return app.route("/", routes);
}

export type ApiApp = ReturnType<typeof createApiApp>;
