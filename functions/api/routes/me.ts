import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { accountJson, listMyAccounts } from "../accounts/accounts.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { validationHook } from "../middleware.ts";
import { json, refusals, security } from "../openapi.ts";
import { meResponse } from "../schemas.ts";

const getMe = createRoute({
  method: "get",
  path: "/me",
  summary: "The signed-in user, the accounts they belong to and their role in each",
  security,
  responses: { 200: json(meResponse, "The user and their accounts"), 401: refusals[401] },
});

export function meRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(getMe, async (c) => {
    const claims = c.var.claims;
    const accounts = await asCaller(services, claims, (tx) => listMyAccounts(tx, claims.sub));
    return c.json(
      {
        user: { id: claims.sub, email: typeof claims.email === "string" ? claims.email : null },
        accounts: accounts.map((row) => {
          const { id, name, role, status, planId } = accountJson(row);
          return { id, name, role, status, planId };
        }),
      },
      200,
    );
  });
}
