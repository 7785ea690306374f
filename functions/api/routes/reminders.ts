import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import {
  deleteReminder,
  findReminder,
  insertReminder,
  listReminders,
  updateReminder,
} from "../../_shared/domain/reminders/store.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { getLine } from "../lines/lines.ts";
import { occurrencesByReminder, reminderJson } from "../lines/reminders.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusals, security } from "../openapi.ts";
import { orRefuse, refuse } from "../refusals.ts";
import { createReminderBody, idParam, listOf, reminder, updateReminderBody } from "../schemas.ts";

const list = createRoute({
  method: "get",
  path: "/lines/{id}/reminders",
  summary:
    "A line's reminders, each with its next occurrence in the line's time zone and its latest occurrences",
  security,
  request: { params: idParam },
  responses: { 200: json(listOf(reminder), "Reminders"), ...refusals },
});

const create = createRoute({
  method: "post",
  path: "/lines/{id}/reminders",
  summary: "Add a reminder: once at a local date and time, or on days of the week at up to 6 local times",
  security,
  request: { params: idParam, ...body(createReminderBody) },
  responses: { 201: json(reminder, "The new reminder (its id included)"), ...refusals },
});

const patch = createRoute({
  method: "patch",
  path: "/reminders/{id}",
  summary: "Change a reminder, or pause (paused: true) and resume it",
  security,
  request: { params: idParam, ...body(updateReminderBody) },
  responses: { 200: json(reminder, "The changed reminder"), ...refusals },
});

const remove = createRoute({
  method: "delete",
  path: "/reminders/{id}",
  summary: "Delete a reminder and its history",
  security,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...refusals },
});

async function reminderWithRecent(tx: Tx, id: string) {
  const row = await findReminder(tx, id);
  if (!row) refuse({ code: "not_found", thing: "reminder" });
  const recent = await occurrencesByReminder(tx, row.line_id);
  return reminderJson(row, recent.get(row.id));
}

export function reminderRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const lineId = c.req.valid("param").id;
      const [line, rows, recent] = await asCaller(services, c.var.claims, (tx) =>
        Promise.all([getLine(tx, lineId), listReminders(tx, lineId), occurrencesByReminder(tx, lineId)]),
      );
      orRefuse(line);
      return c.json({ items: rows.map((r) => reminderJson(r, recent.get(r.id))), nextCursor: null }, 200);
    })
    .openapi(create, async (c) => {
      const fields = c.req.valid("json");
      const json = await asCaller(services, c.var.claims, async (tx) => {
        const line = orRefuse(await getLine(tx, c.req.valid("param").id));
        const id = await insertReminder(
          tx,
          { accountId: line.account_id, lineId: line.id, timezone: line.timezone },
          fields,
        );
        return reminderWithRecent(tx, id);
      });
      return c.json(json, 201);
    })
    .openapi(patch, async (c) => {
      const id = c.req.valid("param").id;
      const fields = c.req.valid("json");
      const json = await asCaller(services, c.var.claims, async (tx) => {
        await reminderWithRecent(tx, id);
        await updateReminder(tx, id, fields);
        return reminderWithRecent(tx, id);
      });
      return c.json(json, 200);
    })
    .openapi(remove, async (c) => {
      const id = c.req.valid("param").id;
      const deleted = await asCaller(services, c.var.claims, (tx) => deleteReminder(tx, id));
      if (!deleted) refuse({ code: "not_found", thing: "reminder" });
      return c.body(null, 204);
    });
}
