import type { MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { controlRoutes } from "../control/routes.ts";
import type { SimulatorState } from "../state.ts";
import { twilioBasicAuth } from "./auth.ts";
import { callRoutes } from "./calls.ts";
import { notFound, onRestError, TwilioApiError } from "./errors.ts";
import { incomingNumberRoutes } from "./incoming-numbers.ts";
import { messageRoutes } from "./messages.ts";
import { verifyRoutes } from "./verify.ts";

/**
 * The simulator's HTTP surface: Twilio's REST API (`/2010-04-01/…`, api.twilio.com) and Verify v2
 * (`/v2/…`, verify.twilio.com) on one origin, both behind Twilio's Basic auth, plus the `/_sim` control API.
 */
export function simulatorApp(state: SimulatorState): Hono {
  const { accountSid, authToken, apiKeys, log } = state.options;
  const app = new Hono();
  const auth = twilioBasicAuth(accountSid, authToken, apiKeys);
  app.use("/2010-04-01/*", auth);
  app.use("/v2/*", auth);
  app.use("/2010-04-01/*", injectedFault(state));
  app.use("/v2/*", injectedFault(state));
  app.use("/2010-04-01/Accounts/:accountSid/*", async (c, next) => {
    // The pattern also matches the Account resource itself (`/Accounts/{sid}.json`).
    const named = c.req.param("accountSid");
    if (named !== accountSid && named !== `${accountSid}.json`) throw notFound(c.req.path);
    await next();
  });

  // The Account resource: what a health check reads to prove the credentials work.
  app.get("/2010-04-01/Accounts/:file", (c) => {
    if (c.req.param("file") !== `${accountSid}.json`) throw notFound(c.req.path);
    return c.json({ sid: accountSid, status: "active", type: "Full", friendly_name: "Simulated account" });
  });
  app.route("/2010-04-01/Accounts/:accountSid", callRoutes(state));
  app.route("/2010-04-01/Accounts/:accountSid", messageRoutes(state));
  app.route("/2010-04-01/Accounts/:accountSid", incomingNumberRoutes(state));
  app.route("/v2", verifyRoutes(state));
  app.route("/_sim", controlRoutes(state));

  app.onError(onRestError(log));
  app.notFound((c) => onRestError(log)(notFound(c.req.path), c));
  return app;
}

/** Twilio's error for an injected fault: 429 Too Many Requests (20429), else a server error (20500/20503). */
function injectedFault(state: SimulatorState): MiddlewareHandler {
  return async (c, next) => {
    const fault = state.restFaults.find(
      (f) => c.req.path.includes(f.path) && (f.method === undefined || f.method === c.req.method),
    );
    if (!fault) return next();
    fault.count--;
    if (fault.count <= 0) state.restFaults.splice(state.restFaults.indexOf(fault), 1);
    const code = fault.status === 429 ? 20429 : fault.status === 503 ? 20503 : 20500;
    throw new TwilioApiError(fault.status, code, "Injected fault: service unavailable");
  };
}
