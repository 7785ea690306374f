import { Hono } from "hono";
import { BRIDGE_ROUTES, isSessionId } from "../_shared/contracts/routes.ts";
import { billingBackground } from "../_shared/domain/billing/background.ts";
import { closeFromTwilio } from "../_shared/domain/billing/close-from-twilio.ts";
import { twilioSmsSender } from "../_shared/domain/notifications/sms.ts";
import {
  type ActiveSession,
  type BridgeSession,
  isActive,
} from "../_shared/domain/sessions/bridge-session.ts";
import { recordCallEvent } from "../_shared/domain/sessions/sessions.ts";
import { keyringFromEnv } from "../_shared/platform/crypto/keyring.ts";
import { AppError } from "../_shared/platform/errors.ts";
import { createFunctionApp } from "../_shared/platform/http/app.ts";
import { dependencyChecks } from "../_shared/platform/http/dependency-checks.ts";
import { databaseCheck, healthHandler } from "../_shared/platform/http/health.ts";
import type { FunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createTwilioRest } from "../_shared/platform/twilio-rest.ts";
import { billingWhenConfigured } from "../_shared/wiring/billing.ts";
import { type BridgeEnv, bridgeAuth } from "./auth.ts";
import { loadCallContext } from "./call-context.ts";
import { recordCallEnd } from "./calls/call-end.ts";
import { onMinuteOf } from "./calls/minute-length.ts";
import { loadMinutesStatus } from "./calls/minutes-left.ts";
import { optOutFromCall } from "./calls/opt-out.ts";
import { loadBridgeConfig } from "./config.ts";
import { readFallbackRecord } from "./insights/fallback.ts";
import { recordCallInsights } from "./insights/record.ts";
import { reminderHint } from "./reminders/in-call.ts";
import {
  callEventReport,
  callSummary,
  emptyBody,
  insightsReport,
  parseBody,
  toolCallRequest,
  transcriptRequest,
} from "./requests.ts";
import { callerTranscript } from "./safety/backstop.ts";
import { findTool, toolOffered } from "./tools/index.ts";
import type { ToolDeps } from "./tools/tool.ts";

export interface BridgeAppOptions {
  /** HTTP client for Twilio's REST API; tests may pass their own. */
  fetch?: typeof fetch;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/** Called only by the bridge Worker's Durable Object: call context, tools, transcripts, minutes, call end. */
export function createBridgeApp({ db, log, env }: FunctionDeps, options: BridgeAppOptions = {}) {
  const config = loadBridgeConfig(env);
  const now = options.now ?? (() => new Date());
  const keyring = keyringFromEnv(config);
  // Surfaced on first use as a 500 with the cause logged, rather than as an unhandled rejection at start.
  keyring.catch(() => {});
  const twilio = createTwilioRest({
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sms = twilioSmsSender(twilio, config.TWILIO_PHONE_NUMBER);
  const billing = billingBackground(billingWhenConfigured(db, env, log), log);

  const app = createFunctionApp({ name: "bridge", log });
  app.get("/health", healthHandler("bridge", { database: databaseCheck(db.ping), ...dependencyChecks(env) }));

  const live = new Hono<BridgeEnv>();
  live.use("/sessions/:id/*", async (c, next) => {
    // Every line logged about a session's request names it (an id, never anything said on the call).
    const id = c.req.param("id");
    if (id && isSessionId(id)) c.set("log", c.var.log.child({ callSessionId: id }));
    await next();
  });
  const liveSession = bridgeAuth(db, config.BRIDGE_REQUEST_SECRET, { allowEnded: false });
  // The end summary and late events (e.g. a failed hang-up) may arrive after Twilio's final status.
  const anySession = bridgeAuth(db, config.BRIDGE_REQUEST_SECRET, { allowEnded: true });
  // The middleware already refused ended sessions on these routes; this narrows the type, checked.
  const active = (session: BridgeSession): ActiveSession => {
    if (!isActive(session)) throw new AppError(409, "session_ended", "That call session has ended.");
    return session;
  };

  live.post(BRIDGE_ROUTES.context, liveSession, async (c) => {
    parseBody(emptyBody, c.var.rawBody);
    const session = active(c.var.session);
    const ring = await keyring;
    const context = await db.asService((tx) =>
      loadCallContext(tx, ring, session, now(), config.XAI_VOICE, config.UNATTESTED_CALL_MAX_SECONDS),
    );
    c.var.log.info("call context", { callSessionId: session.id, tools: context.tools.length });
    return c.json({ ...context, minutes: onMinuteOf(context.minutes, config.BRIDGE_MINUTE_SECONDS) });
  });

  live.post(BRIDGE_ROUTES.tool, liveSession, async (c) => {
    const request = parseBody(toolCallRequest, c.var.rawBody);
    const session = active(c.var.session);
    if (request.lineId !== undefined && request.lineId !== session.lineId) {
      throw new AppError(403, "line_mismatch", "That line does not belong to this call session.");
    }
    const tool = findTool(c.req.param("name"));
    if (!tool) throw new AppError(404, "unknown_tool", "No tool with that name.");
    if (!toolOffered(tool, session.callerTrusted)) {
      throw new AppError(403, "tool_not_offered", "That tool is not offered to an unattested caller.");
    }
    const deps: ToolDeps = { db, keyring: await keyring, sms, log: c.var.log, now };
    // Expected refusals (not found, ambiguous, needs confirmation) are outputs with HTTP 200; only real
    // failures throw and become errors.
    const result = await tool.handle(deps, session, request.arguments);
    const reason = typeof result.output.reason === "string" ? result.output.reason : undefined;
    await db.asService((tx) =>
      recordCallEvent(tx, {
        callSessionId: session.id,
        callSid: null,
        type: "bridge.tool",
        // Names and outcomes only: arguments may hold memory text, which is stored encrypted or not at all.
        payload: {
          name: tool.name,
          callId: request.callId,
          ok: result.output.ok !== false,
          ...(reason ? { reason } : {}),
        },
      }),
    );
    return c.json(result);
  });

  live.post(BRIDGE_ROUTES.transcript, liveSession, async (c) => {
    const { text } = parseBody(transcriptRequest, c.var.rawBody);
    const session = active(c.var.session);
    const { hint } = await callerTranscript({ db, sms, log: c.var.log, now }, session, text);
    // A reminder the scheduler handed to this call since it began is given at the caller's next turn.
    const reminder = await reminderHint(db, session);
    return c.json({ hint: [hint, reminder].filter((h) => h !== null).join("\n\n") || null });
  });

  live.post(BRIDGE_ROUTES.minutes, liveSession, async (c) => {
    parseBody(emptyBody, c.var.rawBody);
    const session = active(c.var.session);
    const minutes = await db.asService((tx) =>
      loadMinutesStatus(tx, session, now(), config.UNATTESTED_CALL_MAX_SECONDS),
    );
    return c.json(onMinuteOf(minutes, config.BRIDGE_MINUTE_SECONDS));
  });

  live.post(BRIDGE_ROUTES.optOut, liveSession, async (c) => {
    parseBody(emptyBody, c.var.rawBody);
    const session = active(c.var.session);
    const outcome = await db.asService((tx) => optOutFromCall(tx, session, "dtmf"));
    c.var.log.info("opt-out recorded", { callSessionId: session.id, source: "dtmf", ...outcome });
    return c.json({ ok: true as const });
  });

  live.post(BRIDGE_ROUTES.events, anySession, async (c) => {
    const report = parseBody(callEventReport, c.var.rawBody);
    const session = c.var.session;
    await db.asService((tx) =>
      recordCallEvent(tx, {
        callSessionId: session.id,
        callSid: null,
        type: `bridge.${report.event}`,
        payload: { level: report.level, ...report.data },
      }),
    );
    return c.json({ ok: true as const });
  });

  // The Worker's fallback after the call ended first: the model's text-only record, stored unless the call
  // already has one (the model's own wins). Accepted after Twilio's final status, like the end report.
  live.post(BRIDGE_ROUTES.insights, anySession, async (c) => {
    const { text } = parseBody(insightsReport, c.var.rawBody);
    const session = c.var.session;
    const lineId = session.lineId;
    const record = readFallbackRecord(text);
    if (lineId === null) return c.json({ ok: true as const, stored: false });
    if (record.kind !== "record") {
      c.var.log.info("fallback insights not stored", { callSessionId: session.id, why: record.kind });
      await db.asService((tx) =>
        recordCallEvent(tx, {
          callSessionId: session.id,
          callSid: null,
          type: "bridge.insights",
          payload: { source: "fallback", stored: false, why: record.kind },
        }),
      );
      return c.json({ ok: true as const, stored: false });
    }
    const deps = { db, keyring: await keyring, sms, log: c.var.log };
    const outcome = await recordCallInsights(deps, { ...session, lineId }, record.args, "fallback");
    return c.json({ ok: true as const, stored: outcome.stored });
  });

  live.post(BRIDGE_ROUTES.end, anySession, async (c) => {
    const summary = parseBody(callSummary, c.var.rawBody);
    const session = c.var.session;
    const { recorded } = await db.asService((tx) => recordCallEnd(tx, { id: session.id }, summary));
    // The end report closes the call and meters it when Twilio's final status callback has not (it may
    // never come): with Twilio's duration when Twilio already knows it, else the bridge's.
    const closed =
      summary.endReason === "stream_error"
        ? "left_open"
        : await closeFromTwilio(db, twilio, session.id, { closedBy: "bridge_end", force: true });
    c.var.log.info("call end reported", {
      callSessionId: session.id,
      endReason: summary.endReason,
      recorded,
      closed,
    });
    if (closed === "closed") billing.afterCallEnded(c.var.log);
    return c.json({ ok: true as const });
  });

  app.route("/", live);
  return app;
}
