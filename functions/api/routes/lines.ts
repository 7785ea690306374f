import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { asOwner, resolveAccount } from "../accounts/accounts.ts";
import { keysetOf, keysetPage } from "../activity/cursor.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import {
  createLine,
  deleteLine,
  getLine,
  lineJson,
  listLines,
  setLineStatus,
  updateLine,
} from "../lines/lines.ts";
import { lineNotices, noticeJson } from "../lines/notices.ts";
import { textNumberChange } from "../lines/number-change.ts";
import { normalisePhone } from "../lines/phone.ts";
import { reenableCalls } from "../lines/reenable.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusal, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import {
  accountQuery,
  createLineBody,
  idParam,
  line,
  lineNotice,
  listOf,
  listQuery,
  reenableCallsBody,
  updateLineBody,
} from "../schemas.ts";

const list = createRoute({
  method: "get",
  path: "/lines",
  summary: "The account's lines, a page at a time",
  security,
  request: { query: accountQuery.merge(listQuery) },
  responses: { 200: json(listOf(line), "Lines, oldest first"), ...refusals },
});

const create = createRoute({
  method: "post",
  path: "/lines",
  summary: "Add a line (unverified until its number is verified); the plan's line limit applies",
  security,
  request: { query: accountQuery, ...body(createLineBody) },
  responses: {
    201: json(line, "The new line"),
    409: refusal("The plan's line limit is reached, or the number is verified on another line"),
    ...refusals,
  },
});

const get = createRoute({
  method: "get",
  path: "/lines/{id}",
  summary: "One line",
  security,
  request: { params: idParam },
  responses: { 200: json(line, "The line"), ...refusals },
});

const patch = createRoute({
  method: "patch",
  path: "/lines/{id}",
  summary:
    "Change a line; a new phone number (owners only) must be verified again, pauses calls until then, is shown " +
    "to every member and texted to the line's trusted contacts; `status` pauses or resumes calls",
  security,
  request: { params: idParam, ...body(updateLineBody) },
  responses: {
    200: json(line, "The changed line"),
    403: refusal("Only the owner can change the number"),
    409: refusal("Conflict"),
    ...refusals,
  },
});

const notices = createRoute({
  method: "get",
  path: "/lines/{id}/notices",
  summary: "What every member must hear about a line (its number changed: when, by whom, from and to)",
  security,
  request: { params: idParam, query: listQuery },
  responses: { 200: json(listOf(lineNotice), "Notices, newest first"), ...refusals },
});

const remove = createRoute({
  method: "delete",
  path: "/lines/{id}",
  summary: "Remove a line with its schedules, contacts and memories (owners only)",
  security,
  request: { params: idParam },
  responses: {
    204: { description: "Removed" },
    403: refusal("Only the owner can remove a line"),
    ...refusals,
  },
});

const reenable = createRoute({
  method: "post",
  path: "/lines/{id}/reenable-calls",
  summary: "Resume calls after the person's own opt-out (owners only); recorded with who and why",
  security,
  request: { params: idParam, ...body(reenableCallsBody) },
  responses: {
    200: json(line, "The line, calls re-enabled"),
    403: refusal("Only the owner can re-enable"),
    ...refusals,
  },
});

export function lineRoutes(services: ApiServices) {
  const phonePolicy = { allowFictional: services.config.ALLOW_FICTIONAL_PHONE_NUMBERS };
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { accountId, ...query } = c.req.valid("query");
      const keyset = orRefuse(keysetOf(query));
      const rows = await asCaller(services, c.var.claims, async (tx) =>
        listLines(tx, orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)).id, keyset),
      );
      const { page, nextCursor } = keysetPage(rows, keyset.limit);
      return c.json({ items: page.map(lineJson), nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const input = c.req.valid("json");
      const accountId = input.accountId ?? c.req.valid("query").accountId;
      const phone = orRefuse(normalisePhone(input.phone, phonePolicy));
      const row = await asCaller(services, c.var.claims, async (tx) => {
        const account = orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId));
        return orRefuse(await createLine(tx, account.id, { ...input, phone }));
      });
      return c.json(lineJson(row), 201);
    })
    .openapi(get, async (c) => {
      const row = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await getLine(tx, c.req.valid("param").id)),
      );
      return c.json(lineJson(row), 200);
    })
    .openapi(patch, async (c) => {
      const { status, phone, ...fields } = c.req.valid("json");
      const normalised = phone === undefined ? undefined : orRefuse(normalisePhone(phone, phonePolicy));
      const { row, numberChanged } = await asCaller(services, c.var.claims, async (tx) => {
        const current = orRefuse(await getLine(tx, c.req.valid("param").id));
        const numberChanged = normalised !== undefined && normalised !== current.phone_e164;
        if (numberChanged) {
          orRefuse(
            asOwner(
              orRefuse(await resolveAccount(tx, c.var.claims.sub, current.account_id)),
              "change_number",
            ),
          );
        }
        if (status && status !== current.status) orRefuse(await setLineStatus(tx, current, status));
        // A refused change throws here, inside the transaction: the status set above is rolled back.
        return {
          row: orRefuse(await updateLine(tx, current, { ...fields, phone: normalised })),
          numberChanged,
        };
      });
      if (numberChanged) await textNumberChange(services, row);
      return c.json(lineJson(row), 200);
    })
    .openapi(notices, async (c) => {
      const keyset = orRefuse(keysetOf(c.req.valid("query")));
      const rows = await asCaller(services, c.var.claims, async (tx) => {
        const current = orRefuse(await getLine(tx, c.req.valid("param").id));
        return lineNotices(tx, current.id, keyset);
      });
      const { page, nextCursor } = keysetPage(rows, keyset.limit);
      return c.json({ items: page.map(noticeJson), nextCursor }, 200);
    })
    .openapi(remove, async (c) => {
      await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await deleteLine(tx, c.req.valid("param").id)),
      );
      return c.body(null, 204);
    })
    .openapi(reenable, async (c) => {
      const { note } = c.req.valid("json");
      const row = await asCaller(services, c.var.claims, async (tx) => {
        const current = orRefuse(await getLine(tx, c.req.valid("param").id));
        orRefuse(
          asOwner(orRefuse(await resolveAccount(tx, c.var.claims.sub, current.account_id)), "reenable_calls"),
        );
        orRefuse(await reenableCalls(tx, current, note));
        return orRefuse(await getLine(tx, current.id));
      });
      return c.json(lineJson(row), 200);
    });
}
