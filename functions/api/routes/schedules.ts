import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { keysetOf, keysetPage } from "../activity/cursor.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { getLine } from "../lines/lines.ts";
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  scheduleJson,
  updateSchedule,
} from "../lines/schedules.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import { createScheduleBody, idParam, listOf, listQuery, schedule, updateScheduleBody } from "../schemas.ts";

const list = createRoute({
  method: "get",
  path: "/lines/{id}/schedules",
  summary: "A line's call schedules, each with its next run in the line's time zone, a page at a time",
  security,
  request: { params: idParam, query: listQuery },
  responses: { 200: json(listOf(schedule), "Schedules"), ...refusals },
});

const create = createRoute({
  method: "post",
  path: "/lines/{id}/schedules",
  summary: "Schedule calls: days of the week (0 = Sunday) at a local time in the line's zone",
  security,
  request: { params: idParam, ...body(createScheduleBody) },
  responses: { 201: json(schedule, "The new schedule"), ...refusals },
});

const patch = createRoute({
  method: "patch",
  path: "/schedules/{id}",
  summary: "Change a schedule's days, time or on/off",
  security,
  request: { params: idParam, ...body(updateScheduleBody) },
  responses: { 200: json(schedule, "The changed schedule"), ...refusals },
});

const remove = createRoute({
  method: "delete",
  path: "/schedules/{id}",
  summary: "Delete a schedule",
  security,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...refusals },
});

export function scheduleRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const lineId = c.req.valid("param").id;
      const keyset = orRefuse(keysetOf(c.req.valid("query")));
      // Pipelined on the transaction's connection; the line's read refuses (404) a line RLS hides.
      const rows = await asCaller(services, c.var.claims, async (tx) => {
        const [line, schedules] = await Promise.all([getLine(tx, lineId), listSchedules(tx, lineId, keyset)]);
        orRefuse(line);
        return schedules;
      });
      const { page, nextCursor } = keysetPage(rows, keyset.limit);
      return c.json({ items: page.map(scheduleJson), nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const fields = c.req.valid("json");
      const row = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await createSchedule(tx, orRefuse(await getLine(tx, c.req.valid("param").id)), fields)),
      );
      return c.json(scheduleJson(row), 201);
    })
    .openapi(patch, async (c) => {
      const fields = c.req.valid("json");
      const row = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await updateSchedule(tx, c.req.valid("param").id, fields)),
      );
      return c.json(scheduleJson(row), 200);
    })
    .openapi(remove, async (c) => {
      await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await deleteSchedule(tx, c.req.valid("param").id)),
      );
      return c.body(null, 204);
    });
}
