import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { pageScheduleRuns } from "../activity/schedule-runs.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { validationHook } from "../middleware.ts";
import { json, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import { listOf, pageQuery, scheduleRun } from "../schemas.ts";

const scheduleRuns = createRoute({
  method: "get",
  path: "/schedule-runs",
  summary:
    "Scheduled calls, newest slot first: each attempt, whether it was reached, missed after its retries, " +
    "or skipped — and why (quiet hours, opted out, no minutes, over the cap, number not verified…)",
  security,
  request: { query: pageQuery },
  responses: { 200: json(listOf(scheduleRun), "A page of scheduled-call attempts"), ...refusals },
});

export function scheduleRunRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(scheduleRuns, async (c) => {
    const { lineId, cursor, limit } = c.req.valid("query");
    // RLS decides which lines' runs exist for the caller: another family's line is an empty list.
    const page = await asCaller(services, c.var.claims, async (tx) =>
      orRefuse(
        await pageScheduleRuns(tx, { limit, ...(lineId ? { lineId } : {}), ...(cursor ? { cursor } : {}) }),
      ),
    );
    return c.json(page, 200);
  });
}
