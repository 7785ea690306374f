import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { placeTestCall } from "../calls/test-call.ts";
import type { ApiEnv, ApiServices } from "../env.ts";
import { validationHook } from "../middleware.ts";
import { json, refusal, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import { idParam, testCallBody, testCallResponse } from "../schemas.ts";

const testCall = createRoute({
  method: "post",
  path: "/lines/{id}/test-call",
  summary: "Ring the line now through the scheduler's dialler (3 an hour per line)",
  security,
  request: {
    params: idParam,
    body: { content: { "application/json": { schema: testCallBody } }, required: false },
  },
  responses: {
    202: json(testCallResponse, "The call is being placed; follow it in GET /api/calls"),
    409: refusal("Unverified, opted out, paused, out of minutes or in quiet hours — the message says which"),
    429: refusal("Too many test calls: the Retry-After header says when to try again"),
    503: refusal("The rate limiter is unavailable"),
    ...refusals,
  },
});

export function testCallRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(testCall, async (c) => {
    const input = (c.req.valid("json") as { ignoreQuietHours?: boolean } | undefined) ?? {};
    const callSessionId = orRefuse(
      await placeTestCall(services, c.var.claims, {
        lineId: c.req.valid("param").id,
        ignoreQuietHours: input.ignoreQuietHours === true,
      }),
    );
    return c.json({ callSessionId }, 202);
  });
}
