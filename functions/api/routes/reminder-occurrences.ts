import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { pageReminderOccurrences } from "../activity/reminder-occurrences.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { validationHook } from "../middleware.ts";
import { json, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import { listedReminderOccurrence, listOf, pageQuery } from "../schemas.ts";

const reminderOccurrences = createRoute({
  method: "get",
  path: "/reminder-occurrences",
  summary:
    "Reminders given, newest first: each occurrence that has come, with its reminder's text and kind, and " +
    "what became of it (acknowledged by key press or voice, missed after its tries, given in a call, skipped)",
  security,
  request: { query: pageQuery },
  responses: { 200: json(listOf(listedReminderOccurrence), "A page of reminder occurrences"), ...refusals },
});

export function reminderOccurrenceRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(reminderOccurrences, async (c) => {
    const { lineId, cursor, limit } = c.req.valid("query");
    // RLS decides which lines' occurrences exist for the caller: another family's line is an empty list.
    const page = await asCaller(services, c.var.claims, async (tx) =>
      orRefuse(
        await pageReminderOccurrences(tx, {
          limit,
          now: services.now(),
          ...(lineId ? { lineId } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      ),
    );
    return c.json(page, 200);
  });
}
