import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { getLine } from "../lines/lines.ts";
import { createPause, deletePause, listPauses, pauseJson } from "../lines/pauses.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusals, security } from "../openapi.ts";
import { createPauseBody, idParam, linePause, listOf } from "../schemas.ts";

const list = createRoute({
  method: "get",
  path: "/lines/{id}/pauses",
  summary: "A line's planned pauses (holidays) that have not ended, soonest first",
  security,
  request: { params: idParam },
  responses: { 200: json(listOf(linePause), "Planned pauses"), ...refusals },
});

const create = createRoute({
  method: "post",
  path: "/lines/{id}/pauses",
  summary: "Plan a pause: no calls and no missed-call notices from startsOn to endsOn (the line's dates)",
  security,
  request: { params: idParam, ...body(createPauseBody) },
  responses: { 201: json(linePause, "The planned pause"), ...refusals },
});

const remove = createRoute({
  method: "delete",
  path: "/pauses/{id}",
  summary: "Remove a planned pause; calls go on as scheduled",
  security,
  request: { params: idParam },
  responses: { 204: { description: "Removed" }, ...refusals },
});

export function pauseRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const rows = await asCaller(services, c.var.claims, async (tx) =>
        listPauses(tx, await getLine(tx, c.req.valid("param").id), services.now()),
      );
      return c.json({ items: rows.map(pauseJson), nextCursor: null }, 200);
    })
    .openapi(create, async (c) => {
      const row = await asCaller(services, c.var.claims, async (tx) =>
        createPause(tx, c.var.claims.sub, await getLine(tx, c.req.valid("param").id), c.req.valid("json")),
      );
      return c.json(pauseJson(row), 201);
    })
    .openapi(remove, async (c) => {
      await asCaller(services, c.var.claims, (tx) => deletePause(tx, c.req.valid("param").id));
      return c.body(null, 204);
    });
}
