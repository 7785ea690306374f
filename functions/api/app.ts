import { OpenAPIHono } from "@hono/zod-openapi";
import { createJwtVerifier } from "../_shared/auth/verify-jwt.ts";
import { keyringFromEnv } from "../_shared/crypto/keyring.ts";
import { createFunctionApp } from "../_shared/http/app.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";
import { loadApiConfig } from "./config.ts";
import type { ApiEnv, ApiServices } from "./env.ts";
import { corsFor, requireUser, validationHook } from "./middleware.ts";
import { openApiDocument } from "./openapi.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { activityRoutes } from "./routes/activity.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { lineRoutes } from "./routes/lines.ts";
import { meRoutes } from "./routes/me.ts";
import { scheduleRoutes } from "./routes/schedules.ts";

/**
 * Every signed-in route, one sub-app per area (functions/api/routes/<area>.ts), chained so that Hono's
 * typed client (`hc<ApiApp>`) sees each route. To add an area: write `routes/<area>.ts` exporting
 * `<area>Routes(services)` and add one `.route("/", <area>Routes(services))` line below.
 */
export function apiRoutes(services: ApiServices) {
  const routes = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  routes.use(requireUser(services.verifyJwt));
  return routes
    .route("/", meRoutes(services))
    .route("/", accountRoutes(services))
    .route("/", lineRoutes(services))
    .route("/", scheduleRoutes(services))
    .route("/", contactRoutes(services))
    .route("/", activityRoutes(services));
}

export type ApiServiceOverrides = Partial<Omit<ApiServices, "db" | "log" | "config">>;

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
    verifyJwt:
      overrides.verifyJwt ??
      createJwtVerifier({ secret: config.SUPABASE_JWT_SECRET, jwksUrl: config.SUPABASE_JWKS_URL }),
    keyring,
    now: overrides.now ?? (() => new Date()),
  };
}

/**
 * functions/api: CORS first (so preflights and refusals carry the right headers), then the public
 * `/health` and `/openapi.json`, then the signed-in routes behind the JWT check.
 */
export function createApiApp(deps: FunctionDeps, overrides: ApiServiceOverrides = {}) {
  const services = createApiServices(deps, overrides);
  const app = createFunctionApp({ name: "api", log: deps.log });
  app.use(corsFor(services.config.ALLOWED_ORIGINS));
  app.get("/health", healthHandler("api", { database: databaseCheck(deps.db.ping) }));
  const routes = apiRoutes(services);
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get("/openapi.json", (c) => {
    document ??= openApiDocument(routes, "/functions/v1");
    return c.json(document);
  });
  return app.route("/", routes);
}

export type ApiApp = ReturnType<typeof createApiApp>;
