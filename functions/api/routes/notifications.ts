import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { normalisePhone } from "../lines/phone.ts";
import { validationHook } from "../middleware.ts";
import { listAlerts, markAlertRead } from "../notifications/alerts.ts";
import {
  checkMemberCode,
  readSettings,
  sendMemberCode,
  settingsJson,
  writeSettings,
} from "../notifications/settings.ts";
import { body, json, refusal, refusals, security } from "../openapi.ts";
import {
  idParam,
  memberAlertList,
  notificationSettings,
  notificationSettingsPatch,
  notificationVerifyCheckBody,
  notificationVerifySendBody,
  verifySendResponse,
} from "../schemas.ts";
import { clientIp } from "./verification.ts";

const getSettings = createRoute({
  method: "get",
  path: "/me/notifications",
  summary: "The signed-in member's notification settings: phone for texts, language, kinds of notice",
  security,
  responses: { 200: json(notificationSettings, "The settings (defaults when never saved)"), ...refusals },
});

const patchSettings = createRoute({
  method: "patch",
  path: "/me/notifications",
  summary: "Change the phone (unverified until its code is checked), language or kinds of notice",
  security,
  request: body(notificationSettingsPatch),
  responses: { 200: json(notificationSettings, "The changed settings"), ...refusals },
});

const sendCode = createRoute({
  method: "post",
  path: "/me/notifications/verify/send",
  summary: "Send a verification code to the member's saved phone (Twilio Verify, the lines' limits)",
  security,
  request: body(notificationVerifySendBody),
  responses: {
    202: json(verifySendResponse, "A code is on its way"),
    409: refusal("No phone saved, or it is already verified"),
    429: refusal("Too many codes: the Retry-After header says when to try again"),
    503: refusal("The rate limiter is unavailable"),
    ...refusals,
  },
});

const checkCode = createRoute({
  method: "post",
  path: "/me/notifications/verify/check",
  summary: "Check the code; a right one verifies the member's phone for texts",
  security,
  request: body(notificationVerifyCheckBody),
  responses: {
    200: json(notificationSettings, "The settings, phone verified"),
    409: refusal("No phone saved, already verified, or the phone changed meanwhile"),
    429: refusal("Too many attempts"),
    ...refusals,
  },
});

const alerts = createRoute({
  method: "get",
  path: "/me/alerts",
  summary:
    "The member's in-app alerts (missed calls, digests, reminders…), newest first, and how many are unread",
  security,
  responses: { 200: json(memberAlertList, "The newest 50 alerts"), ...refusals },
});

const readAlert = createRoute({
  method: "post",
  path: "/me/alerts/{id}/read",
  summary: "Mark one of the member's alerts read",
  security,
  request: { params: idParam },
  responses: { 204: { description: "Marked read" }, ...refusals },
});

export function notificationRoutes(services: ApiServices) {
  const phonePolicy = { allowFictional: services.config.ALLOW_FICTIONAL_PHONE_NUMBERS };
  const reach = () => ({
    allowedCountries: services.config.VERIFY_ALLOWED_COUNTRIES,
    allowFictional: services.config.ALLOW_FICTIONAL_PHONE_NUMBERS,
  });
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(getSettings, async (c) => {
      const row = await asCaller(services, c.var.claims, (tx) => readSettings(tx, c.var.claims.sub));
      return c.json(settingsJson(row), 200);
    })
    .openapi(patchSettings, async (c) => {
      const input = c.req.valid("json");
      const phone =
        input.phone === undefined || input.phone === null
          ? input.phone
          : normalisePhone(input.phone, phonePolicy);
      const row = await asCaller(services, c.var.claims, (tx) =>
        writeSettings(tx, c.var.claims.sub, { ...input, phone }),
      );
      return c.json(settingsJson(row), 200);
    })
    .openapi(sendCode, async (c) => {
      const sent = await sendMemberCode(services, c.var.claims, {
        channel: c.req.valid("json").channel,
        ip: clientIp(c, services.config.CLIENT_IP_HEADER),
        reach: reach(),
      });
      return c.json(sent, 202);
    })
    .openapi(checkCode, async (c) => {
      const row = await checkMemberCode(services, c.var.claims, c.req.valid("json").code);
      return c.json(settingsJson(row), 200);
    })
    .openapi(alerts, async (c) => {
      const list = await asCaller(services, c.var.claims, (tx) => listAlerts(tx, c.var.claims.sub));
      return c.json(list, 200);
    })
    .openapi(readAlert, async (c) => {
      await asCaller(services, c.var.claims, (tx) =>
        markAlertRead(tx, c.var.claims.sub, c.req.valid("param").id, services.now()),
      );
      return c.body(null, 204);
    });
}
