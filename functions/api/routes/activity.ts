import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { getCall, listCalls } from "../activity/calls.ts";
import { forgetMemory, openMemoryPage, readMemoryPage } from "../activity/memories.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { readCallInsights, withInsights } from "../insights/calls.ts";
import { validationHook } from "../middleware.ts";
import { json, refusals, security } from "../openapi.ts";
import { orRefuse, refuse } from "../refusals.ts";
import { acknowledgeSafetyEvent, listSafetyEvents } from "../safety/family.ts";
import { callSummary, idParam, listOf, memory, pageQuery, safetyEvent } from "../schemas.ts";

const calls = createRoute({
  method: "get",
  path: "/calls",
  summary: "Call activity, newest first: direction, times, duration, outcome, end reason, billed minutes",
  security,
  request: { query: pageQuery },
  responses: { 200: json(listOf(callSummary), "A page of calls"), ...refusals },
});

const call = createRoute({
  method: "get",
  path: "/calls/{id}",
  summary: "One call",
  security,
  request: { params: idParam },
  responses: { 200: json(callSummary, "The call"), ...refusals },
});

const memories = createRoute({
  method: "get",
  path: "/lines/{id}/memories",
  summary: "What Ultaura remembers about the person, except what they asked to keep private",
  security,
  request: { params: idParam, query: pageQuery.omit({ lineId: true }) },
  responses: { 200: json(listOf(memory), "Memories, newest first"), ...refusals },
});

const forget = createRoute({
  method: "delete",
  path: "/memories/{id}",
  summary: "Delete a memory (the row itself, not a hidden flag)",
  security,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...refusals },
});

const safetyEvents = createRoute({
  method: "get",
  path: "/safety-events",
  summary: "Safety alerts raised on calls, newest first",
  security,
  request: { query: pageQuery },
  responses: { 200: json(listOf(safetyEvent), "A page of alerts"), ...refusals },
});

const acknowledge = createRoute({
  method: "post",
  path: "/safety-events/{id}/acknowledge",
  summary: "Mark a safety alert as seen (records who)",
  security,
  request: { params: idParam },
  responses: { 200: json(safetyEvent, "The acknowledged alert"), ...refusals },
});

export function activityRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(calls, async (c) => {
      const query = c.req.valid("query");
      const { page, sealed } = await asCaller(services, c.var.claims, async (tx) => {
        const page = orRefuse(await listCalls(tx, query));
        return {
          page,
          sealed: await readCallInsights(
            tx,
            page.items.map((item) => item.id),
          ),
        };
      });
      const items = await withInsights(services.db, await services.keyring, page.items, sealed);
      return c.json({ ...page, items }, 200);
    })
    .openapi(call, async (c) => {
      const id = c.req.valid("param").id;
      const { found, sealed } = await asCaller(services, c.var.claims, async (tx) => ({
        found: orRefuse(await getCall(tx, id)),
        sealed: await readCallInsights(tx, [id]),
      }));
      const [withIt] = await withInsights(services.db, await services.keyring, [found], sealed);
      return c.json(withIt ?? { ...found, insights: null }, 200);
    })
    .openapi(memories, async (c) => {
      const query = c.req.valid("query");
      const rows = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await readMemoryPage(tx, c.req.valid("param").id, query)),
      );
      return c.json(await openMemoryPage(services.db, await services.keyring, rows, query.limit), 200);
    })
    .openapi(forget, async (c) => {
      await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await forgetMemory(tx, c.req.valid("param").id)),
      );
      return c.body(null, 204);
    })
    .openapi(safetyEvents, async (c) => {
      const { lineId, cursor, limit } = c.req.valid("query");
      // RLS decides which lines' events exist for the caller.
      const page = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await listSafetyEvents(tx, { limit, ...(lineId ? { lineId } : {}), ...(cursor ? { cursor } : {}) }),
        ),
      );
      return c.json(page, 200);
    })
    .openapi(acknowledge, async (c) => {
      const event = await asCaller(services, c.var.claims, (tx) =>
        acknowledgeSafetyEvent(tx, c.req.valid("param").id, services.now()),
      );
      if (!event) refuse({ code: "not_found", thing: "safety_alert" });
      return c.json(event, 200);
    });
}
