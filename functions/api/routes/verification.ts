import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { getLine, lineJson } from "../lines/lines.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusal, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import {
  idParam,
  verifyCheckBody,
  verifyCheckResponse,
  verifySendBody,
  verifySendResponse,
} from "../schemas.ts";
import { checkCode, sendCode } from "../verification/verify.ts";

const send = createRoute({
  method: "post",
  path: "/lines/{id}/verify/send",
  summary: "Send a verification code to the line's number by SMS or voice call (Twilio Verify)",
  security,
  request: { params: idParam, ...body(verifySendBody) },
  responses: {
    202: json(verifySendResponse, "A code is on its way"),
    409: refusal(
      "Already verified, verified on another line, or the person at the number asked us to stop calling",
    ),
    429: refusal("Too many codes: the Retry-After header says when to try again"),
    503: refusal("The rate limiter is unavailable: sending is refused until it is back"),
    ...refusals,
  },
});

const check = createRoute({
  method: "post",
  path: "/lines/{id}/verify/check",
  summary: "Check the code; a correct one verifies the line and records the family's consent attestation",
  security,
  request: { params: idParam, ...body(verifyCheckBody) },
  responses: {
    200: json(verifyCheckResponse, "The line, verified and active"),
    409: refusal("Already verified, or verified on another line"),
    429: refusal("Too many attempts"),
    ...refusals,
  },
});

/**
 * The client's address as the platform vouches for it (`CLIENT_IP_HEADER`): Cloudflare's
 * `cf-connecting-ip`, or the last X-Forwarded-For hop, the one the edge appended. The first hop is whatever
 * the client wrote, so keying a limit on it would let each request pick a fresh bucket.
 */
export function clientIp(c: Context, source: ApiServices["config"]["CLIENT_IP_HEADER"]): string {
  if (source === "cf-connecting-ip") return c.req.header("cf-connecting-ip")?.trim() || "unknown";
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? "unknown";
}

export function verificationRoutes(services: ApiServices) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(send, async (c) => {
      const { channel } = c.req.valid("json");
      const sent = orRefuse(
        await sendCode(services, c.var.claims, {
          lineId: c.req.valid("param").id,
          channel,
          ip: clientIp(c, services.config.CLIENT_IP_HEADER),
          reach: {
            allowedCountries: services.config.VERIFY_ALLOWED_COUNTRIES,
            allowFictional: services.config.ALLOW_FICTIONAL_PHONE_NUMBERS,
          },
        }),
      );
      return c.json(sent, 202);
    })
    .openapi(check, async (c) => {
      const { code } = c.req.valid("json");
      const lineId = orRefuse(
        await checkCode(services, c.var.claims, { lineId: c.req.valid("param").id, code }),
      );
      const line = await asCaller(services, c.var.claims, async (tx) => orRefuse(await getLine(tx, lineId)));
      return c.json({ verified: true as const, line: lineJson(line) }, 200);
    });
}
