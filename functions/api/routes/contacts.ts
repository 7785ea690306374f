import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { keysetOf, keysetPage } from "../activity/cursor.ts";
import {
  chosenTier,
  contactJson,
  createContact,
  deleteContact,
  listContacts,
  updateContact,
} from "../contacts/contacts.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { getLine } from "../lines/lines.ts";
import { normalisePhone } from "../lines/phone.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusal, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import { contact, createContactBody, idParam, listOf, listQuery, updateContactBody } from "../schemas.ts";

const list = createRoute({
  method: "get",
  path: "/lines/{id}/contacts",
  summary: "A line's trusted contacts, a page at a time",
  security,
  request: { params: idParam, query: listQuery },
  responses: { 200: json(listOf(contact), "Trusted contacts"), ...refusals },
});

const create = createRoute({
  method: "post",
  path: "/lines/{id}/contacts",
  summary: "Add a trusted contact; `contactAgreed: true` records their consent to safety texts",
  security,
  request: { params: idParam, ...body(createContactBody) },
  responses: { 201: json(contact, "The new contact"), 409: refusal("Same number twice"), ...refusals },
});

const patch = createRoute({
  method: "patch",
  path: "/contacts/{id}",
  summary: "Change a trusted contact",
  security,
  request: { params: idParam, ...body(updateContactBody) },
  responses: { 200: json(contact, "The changed contact"), 409: refusal("Same number twice"), ...refusals },
});

const remove = createRoute({
  method: "delete",
  path: "/contacts/{id}",
  summary: "Remove a trusted contact",
  security,
  request: { params: idParam },
  responses: { 204: { description: "Removed" }, ...refusals },
});

export function contactRoutes(services: ApiServices) {
  const phonePolicy = { allowFictional: services.config.ALLOW_FICTIONAL_PHONE_NUMBERS };
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const lineId = c.req.valid("param").id;
      const keyset = orRefuse(keysetOf(c.req.valid("query")));
      // Pipelined on the transaction's connection; the line's read refuses (404) a line RLS hides.
      const rows = await asCaller(services, c.var.claims, async (tx) => {
        const [line, contacts] = await Promise.all([getLine(tx, lineId), listContacts(tx, lineId, keyset)]);
        orRefuse(line);
        return contacts;
      });
      const { page, nextCursor } = keysetPage(rows, keyset.limit);
      return c.json({ items: page.map(contactJson), nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const input = c.req.valid("json");
      const phone = orRefuse(normalisePhone(input.phone, phonePolicy));
      const row = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await createContact(tx, c.var.claims.sub, orRefuse(await getLine(tx, c.req.valid("param").id)), {
            ...input,
            phone,
            alertsFrom: chosenTier(input) ?? "high",
          }),
        ),
      );
      return c.json(contactJson(row), 201);
    })
    .openapi(patch, async (c) => {
      const input = c.req.valid("json");
      const phone =
        input.phone === undefined ? undefined : orRefuse(normalisePhone(input.phone, phonePolicy));
      const row = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await updateContact(tx, c.var.claims.sub, c.req.valid("param").id, {
            ...input,
            phone,
            alertsFrom: chosenTier(input),
          }),
        ),
      );
      return c.json(contactJson(row), 200);
    })
    .openapi(remove, async (c) => {
      await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await deleteContact(tx, c.req.valid("param").id)),
      );
      return c.body(null, 204);
    });
}
