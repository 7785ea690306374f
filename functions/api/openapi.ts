import type { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import type { ApiEnv } from "./env.ts";
import { errorResponse } from "./schemas.ts";

/** Route description helpers so each route states its body and answers in one line each. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

export function body<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } } as const;
}

export const refusal = (description: string) => json(errorResponse, description);

/** The refusals every signed-in route can answer with. */
export const refusals = {
  400: refusal("The request is malformed; the message names the field."),
  401: refusal("No valid sign-in token."),
  404: refusal("No such resource for this user."),
} as const;

export const security = [{ bearerAuth: [] }];

/**
 * The OpenAPI 3.1 document of every route registered on `routes` (mounted under `/api` by app.ts), with
 * paths as a client calls them below `<SUPABASE_URL>/functions/v1`.
 */
export function openApiDocument(routes: OpenAPIHono<ApiEnv>, serverUrl: string) {
  routes.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The Supabase Auth access token of the signed-in family member.",
  });
  const document = routes.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Ultaura family API",
      version: "1.0.0",
      description:
        "What the family web app does: accounts, lines, verification, schedules, contacts, activity.",
    },
    servers: [{ url: serverUrl }],
  });
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, item]) => [`/api${path}`, item]),
  );
  return { ...document, paths };
}
