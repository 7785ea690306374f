import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { createMessage, listMessages } from "../insights/messages.ts";
import { weeklyInsights as readWeekly } from "../insights/weekly.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import {
  createMessageBody,
  familyMessage,
  familyMessages,
  idParam,
  weeklyInsights,
  weeklyInsightsQuery,
} from "../schemas.ts";

const weekly = createRoute({
  method: "get",
  path: "/lines/{id}/insights",
  summary:
    "How the line's last weeks went: average mood, minutes, calls answered and missed (weeks in its zone)",
  security,
  request: { params: idParam, query: weeklyInsightsQuery },
  responses: { 200: json(weeklyInsights, "One row per week, oldest first"), ...refusals },
});

const messages = createRoute({
  method: "get",
  path: "/lines/{id}/messages",
  summary: "The family's messages for the line's calls, newest first, each waiting or delivered",
  security,
  request: { params: idParam },
  responses: { 200: json(familyMessages, "The newest 20 messages"), ...refusals },
});

const send = createRoute({
  method: "post",
  path: "/lines/{id}/messages",
  summary: "Leave a message (at most 280 characters) for the next call to pass on; any member may",
  security,
  request: { params: idParam, ...body(createMessageBody) },
  responses: { 201: json(familyMessage, "The message, waiting"), ...refusals },
});

export function insightRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(weekly, async (c) => {
      const { weeks } = c.req.valid("query");
      const result = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await readWeekly(tx, c.req.valid("param").id, weeks, services.now())),
      );
      return c.json(result, 200);
    })
    .openapi(messages, async (c) => {
      const list = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await listMessages(tx, c.req.valid("param").id, 20)),
      );
      return c.json(list, 200);
    })
    .openapi(send, async (c) => {
      const created = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await createMessage(tx, c.req.valid("param").id, c.req.valid("json"))),
      );
      c.var.log.info("family message written", { lineId: created.lineId, messageId: created.id });
      return c.json(created, 201);
    });
}
