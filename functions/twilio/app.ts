import { type Context, Hono } from "hono";
import { billingBackground } from "../_shared/billing/background.ts";
import { requestBridgePrepare } from "../_shared/calls/bridge-prepare.ts";
import type { TwilioCallStatus } from "../_shared/calls/call-status.ts";
import { decideInbound } from "../_shared/calls/inbound.ts";
import { prepareOutboundAnswer } from "../_shared/calls/outbound.ts";
import { createInboundSession, findCallerLine, recordCallEvent } from "../_shared/calls/sessions.ts";
import { spoken } from "../_shared/calls/spoken.ts";
import { applyStatusCallback } from "../_shared/calls/status-callback.ts";
import { connectStream, hangUp, sayThenHangUp } from "../_shared/calls/twiml.ts";
import { createFunctionApp } from "../_shared/http/app.ts";
import { AppError } from "../_shared/http/errors.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import { inBackground } from "../_shared/runtime/background.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";
import { createStreamToken } from "../_shared/contracts/signing/stream-token.ts";
import { loadTwilioConfig } from "./config.ts";
import { sessionQuery, statusParams, voiceParams } from "./params.ts";
import { type TwilioEnv, twilioSignature } from "./signature.ts";

export interface TwilioAppOptions {
  /** The HTTP client for the Worker's prepare call; tests pass their own. */
  fetch?: typeof fetch;
}

/** Twilio's voice webhooks: every request signed by Twilio, every answer TwiML. */
export function createTwilioApp({ db, log, env }: FunctionDeps, options: TwilioAppOptions = {}) {
  const config = loadTwilioConfig(env);
  const app = createFunctionApp({ name: "twilio", log });
  const billing = billingBackground(db, env, log);
  app.get("/health", healthHandler("twilio", { database: databaseCheck(db.ping) }));

  const webhooks = new Hono<TwilioEnv>();
  webhooks.use(twilioSignature(config.TWILIO_AUTH_TOKEN, config.FUNCTIONS_PUBLIC_URL));

  const twiml = (c: Context, body: string) =>
    c.body(body, 200, { "content-type": "text/xml; charset=utf-8" });

  async function streamAnswer(c: Context<TwilioEnv>, callSessionId: string) {
    const token = await createStreamToken(config.BRIDGE_SHARED_SECRET, callSessionId);
    const prepare = requestBridgePrepare(
      config.BRIDGE_WORKER_URL,
      config.BRIDGE_SHARED_SECRET,
      { callSessionId },
      options.fetch,
    );
    inBackground(
      prepare.catch((error) =>
        c.var.log.warn("bridge prepare failed", { callSessionId, error: String(error) }),
      ),
    );
    const streamUrl = `${config.BRIDGE_PUBLIC_URL.replace(/\/+$/, "")}/media-stream/${callSessionId}`;
    return twiml(c, connectStream(streamUrl, { token }));
  }

  webhooks.post("/voice/inbound", async (c) => {
    const params = parse(voiceParams, c.var.twilioParams);
    const result = await db.asService(async (tx) => {
      const decision = decideInbound(await findCallerLine(tx, params.From));
      if (decision.kind === "unknown_caller") {
        await recordCallEvent(tx, {
          callSessionId: null,
          callSid: params.CallSid,
          type: "inbound.unknown_caller",
          dedupeKey: `inbound:${params.CallSid}`,
        });
        return { decision, sessionId: null };
      }
      if (decision.kind !== "connect") {
        await recordCallEvent(tx, {
          callSessionId: null,
          callSid: params.CallSid,
          type: `inbound.${decision.kind}`,
          payload: { lineId: decision.line.lineId },
          dedupeKey: `inbound:${params.CallSid}`,
        });
        return { decision, sessionId: null };
      }
      const sessionId = await createInboundSession(tx, {
        accountId: decision.line.accountId,
        lineId: decision.line.lineId,
        callSid: params.CallSid,
        from: params.From,
        to: params.To,
      });
      return { decision, sessionId };
    });
    const { decision, sessionId } = result;
    c.var.log.info("inbound call", {
      callSid: params.CallSid,
      decision: decision.kind,
      callSessionId: sessionId,
    });
    if (decision.kind === "unknown_caller") return twiml(c, sayThenHangUp(spoken.unknownCaller));
    if (decision.kind === "trial_used_up") {
      return twiml(
        c,
        sayThenHangUp(spoken.trialUsedUp(decision.line.name), { language: decision.line.language }),
      );
    }
    if (decision.kind === "account_inactive") {
      return twiml(
        c,
        sayThenHangUp(spoken.accountInactive(decision.line.name), { language: decision.line.language }),
      );
    }
    return streamAnswer(c, sessionId as string);
  });

  webhooks.post("/voice/outbound", async (c) => {
    const { sessionId } = parse(sessionQuery, c.req.query());
    const params = parse(voiceParams, c.var.twilioParams);
    const answer = await db.asService((tx) =>
      prepareOutboundAnswer(tx, sessionId, params.CallSid, params.AnsweredBy ?? null),
    );
    c.var.log.info("outbound call answered", {
      callSid: params.CallSid,
      callSessionId: sessionId,
      answer: answer.kind,
    });
    switch (answer.kind) {
      case "unknown_session":
        throw new AppError(404, "unknown_session", "No outbound call with that id.");
      case "connect":
        return streamAnswer(c, sessionId);
      case "voicemail_message":
        return twiml(c, sayThenHangUp(spoken.voicemail(answer.name), { language: answer.language }));
      case "trial_used_up":
        return twiml(c, sayThenHangUp(spoken.trialUsedUp(answer.name), { language: answer.language }));
      case "hang_up":
        return twiml(c, hangUp());
    }
  });

  webhooks.post("/voice/fallback", async (c) => {
    const params = c.var.twilioParams;
    await db
      .asService((tx) =>
        recordCallEvent(tx, {
          callSessionId: null,
          callSid: params.CallSid ?? null,
          type: "voice.fallback",
          payload: { errorCode: params.ErrorCode ?? null, errorUrl: params.ErrorUrl ?? null },
        }),
      )
      .catch((error) => c.var.log.error("fallback event not recorded", { error: String(error) }));
    c.var.log.warn("voice fallback used", { callSid: params.CallSid, errorCode: params.ErrorCode });
    return twiml(c, sayThenHangUp(spoken.unavailable));
  });

  webhooks.post("/status", async (c) => {
    const params = parse(statusParams, c.var.twilioParams);
    const query =
      c.req.query("sessionId") === undefined ? null : parse(sessionQuery, c.req.query()).sessionId;
    const outcome = await db.asService((tx) =>
      applyStatusCallback(tx, {
        callSid: params.CallSid,
        status: params.CallStatus as TwilioCallStatus,
        sequence: params.SequenceNumber ?? null,
        durationSeconds: params.CallDuration ?? null,
        answeredBy: params.AnsweredBy ?? null,
        sessionId: query,
      }),
    );
    c.var.log.info("status callback", { callSid: params.CallSid, status: params.CallStatus, outcome });
    if (outcome === "ended") billing.afterCallEnded();
    return c.body(null, 204);
  });

  app.route("/", webhooks);
  return app;
}

function parse<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError(400, "invalid_parameters", "The request's parameters are not valid.");
  return result.data;
}
