import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { languageOf } from "../../_shared/domain/copy/index.ts";
import { accountJson, createTrialAccount, renameAccount, resolveAccount } from "../accounts/accounts.ts";
import { closeAccount, exportAccount } from "../accounts/closing.ts";
import { acceptInvite, createInvite, previewInvite } from "../accounts/invites.ts";
import { listMembers, removeMember, withdrawInvite } from "../accounts/members.ts";
import { loadUsage } from "../accounts/usage.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusal, refusals, security } from "../openapi.ts";
import { orRefuse, refuse } from "../refusals.ts";
import {
  acceptInviteBody,
  account,
  accountExport,
  accountQuery,
  accountSummary,
  closeAccountBody,
  closedAccount,
  createAccountBody,
  invite,
  inviteBody,
  invitePreview,
  membersResponse,
  updateAccountBody,
  usageResponse,
} from "../schemas.ts";

const createAccount = createRoute({
  method: "post",
  path: "/accounts",
  summary: "Create the caller's own account on the free trial (one owned account per user)",
  security,
  request: body(createAccountBody),
  responses: {
    201: json(account, "The new account"),
    400: refusals[400],
    401: refusals[401],
    409: refusal("The caller already owns an account"),
  },
});

const getAccount = createRoute({
  method: "get",
  path: "/account",
  summary: "The account (the caller's own unless `accountId` names another they belong to)",
  security,
  request: { query: accountQuery },
  responses: { 200: json(account, "The account"), ...refusals },
});

const patchAccount = createRoute({
  method: "patch",
  path: "/account",
  summary: "Rename the account",
  security,
  request: { query: accountQuery, ...body(updateAccountBody) },
  responses: { 200: json(account, "The renamed account"), ...refusals },
});

const getUsage = createRoute({
  method: "get",
  path: "/usage",
  summary: "Minutes of the current cycle: included, used, remaining, overage, per line and per day",
  security,
  request: { query: accountQuery },
  responses: { 200: json(usageResponse, "Usage of the current cycle"), ...refusals },
});

const postInvite = createRoute({
  method: "post",
  path: "/account/invites",
  summary: "Invite a family member by e-mail to share the account as a member (owners only)",
  security,
  request: { query: accountQuery, ...body(inviteBody) },
  responses: {
    201: json(invite, "The invitation, with its one-time token to pass on"),
    403: refusal("Only the owner can invite"),
    ...refusals,
  },
});

const getMembers = createRoute({
  method: "get",
  path: "/account/members",
  summary: "Who shares the account (e-mail, role, joined) and, for owners, the invitations still pending",
  security,
  request: { query: accountQuery },
  responses: { 200: json(membersResponse, "Members and pending invitations"), ...refusals },
});

const deleteMember = createRoute({
  method: "delete",
  path: "/account/members/{userId}",
  summary: "Remove a family member from the account (owners only; the only owner cannot remove themselves)",
  security,
  request: { query: accountQuery, params: z.object({ userId: z.uuid() }) },
  responses: {
    204: { description: "Removed" },
    403: refusal("Only the owner can remove members"),
    409: refusal("The caller is the account's only owner"),
    ...refusals,
  },
});

const deleteInvite = createRoute({
  method: "delete",
  path: "/account/invites/{id}",
  summary: "Withdraw an invitation not yet accepted (owners only)",
  security,
  request: { query: accountQuery, params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: "Withdrawn" }, 403: refusal("Only the owner can withdraw"), ...refusals },
});

const postAccept = createRoute({
  method: "post",
  path: "/invites/accept",
  summary: "Accept an invitation sent to the caller's e-mail address",
  security,
  request: body(acceptInviteBody),
  responses: { 200: json(accountSummary, "The account joined"), ...refusals },
});

const postInvitePreview = createRoute({
  method: "post",
  path: "/invites/preview",
  summary:
    "Who invites the caller to which account, before accepting (only for the invited address; in the Accept-Language's English or Spanish)",
  security,
  request: body(acceptInviteBody),
  responses: {
    200: json(invitePreview, "The account and the inviter, and the sentence naming both"),
    ...refusals,
  },
});

const getExport = createRoute({
  method: "get",
  path: "/account/export",
  summary:
    "Everything the family may see, as one JSON file (owners only): private memories and health notes excluded",
  security,
  request: { query: accountQuery },
  responses: {
    200: json(accountExport, "The account's data"),
    403: refusal("Only the owner can download the account's data"),
    ...refusals,
  },
});

const deleteAccount = createRoute({
  method: "delete",
  path: "/account",
  summary:
    "Close the account (owners only; the body must be { confirm: 'DELETE' }): cancels the Stripe subscription, deletes the account's data, keeps consents and opt-outs by number and the ledger's totals",
  security,
  request: { query: accountQuery, ...body(closeAccountBody) },
  responses: {
    200: json(closedAccount, "The account is closed; what was kept"),
    400: refusal("`confirm` is not exactly DELETE (code confirm_required); nothing changed"),
    403: refusal("Only the owner can close the account"),
    503: refusal("Stripe could not cancel the subscription; nothing was deleted"),
    401: refusals[401],
    404: refusals[404],
  },
});

export function accountRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(createAccount, async (c) => {
      const { name } = c.req.valid("json");
      const created = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await createTrialAccount(tx, c.var.claims, name)),
      );
      return c.json(accountJson(created), 201);
    })
    .openapi(getAccount, async (c) => {
      const { accountId } = c.req.valid("query");
      const row = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)),
      );
      return c.json(accountJson(row), 200);
    })
    .openapi(patchAccount, async (c) => {
      const { accountId } = c.req.valid("query");
      const { name } = c.req.valid("json");
      const row = await asCaller(services, c.var.claims, async (tx) => {
        const target = orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId));
        return orRefuse(await renameAccount(tx, c.var.claims.sub, target.id, name));
      });
      return c.json(accountJson(row), 200);
    })
    .openapi(getUsage, async (c) => {
      const { accountId } = c.req.valid("query");
      const usage = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await loadUsage(tx, orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)).id)),
      );
      return c.json(usage, 200);
    })
    .openapi(postInvite, async (c) => {
      const { accountId } = c.req.valid("query");
      const { email } = c.req.valid("json");
      const created = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await createInvite(
            tx,
            orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)),
            c.var.claims.sub,
            email,
            services.now(),
          ),
        ),
      );
      return c.json(created, 201);
    })
    .openapi(getMembers, async (c) => {
      const { accountId } = c.req.valid("query");
      const members = await asCaller(services, c.var.claims, async (tx) =>
        listMembers(tx, orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)), services.now()),
      );
      return c.json(members, 200);
    })
    .openapi(getExport, async (c) => {
      const { accountId } = c.req.valid("query");
      const data = orRefuse(await exportAccount(services, c.var.claims, accountId));
      c.header("content-disposition", `attachment; filename="ultaura-account-${data.account.id}.json"`);
      return c.json(data, 200);
    })
    .openapi(deleteAccount, async (c) => {
      const { accountId } = c.req.valid("query");
      if (c.req.valid("json").confirm !== "DELETE") refuse({ code: "confirm_required" });
      return c.json(orRefuse(await closeAccount(services, c.var.claims, accountId)), 200);
    })
    .openapi(deleteMember, async (c) => {
      const { accountId } = c.req.valid("query");
      const { userId } = c.req.valid("param");
      await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await removeMember(tx, orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)), userId),
        ),
      );
      return c.body(null, 204);
    })
    .openapi(deleteInvite, async (c) => {
      const { accountId } = c.req.valid("query");
      const { id } = c.req.valid("param");
      await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await withdrawInvite(tx, orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)), id),
        ),
      );
      return c.body(null, 204);
    })
    .openapi(postInvitePreview, async (c) => {
      const { token } = c.req.valid("json");
      const language = languageOf(c.req.header("accept-language") ?? "en");
      return c.json(
        await asCaller(services, c.var.claims, async (tx) =>
          orRefuse(await previewInvite(tx, token, language)),
        ),
        200,
      );
    })
    .openapi(postAccept, async (c) => {
      const { token } = c.req.valid("json");
      const joined = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(await resolveAccount(tx, c.var.claims.sub, orRefuse(await acceptInvite(tx, token)))),
      );
      const { id, name, role, status, planId } = accountJson(joined);
      return c.json({ id, name, role, status, planId }, 200);
    });
}
