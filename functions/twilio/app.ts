import { type Context, Hono } from "hono";
import {
  mediaStreamUrl,
  STREAM_APOLOGY_PARAMETER,
  STREAM_LANGUAGE_PARAMETER,
  STREAM_TOKEN_PARAMETER,
} from "../_shared/contracts/routes.ts";
import { createStreamToken } from "../_shared/contracts/signing/stream-token.ts";
import { messageReply, sayThenHangUp, twimlDocument } from "../_shared/contracts/twiml.ts";
import { billingBackground } from "../_shared/domain/billing/background.ts";
import { answerInbound } from "../_shared/domain/calls/inbound.ts";
import { callApology, copyFor, languageOf } from "../_shared/domain/copy/index.ts";
import { applySmsReply } from "../_shared/domain/notifications/sms-replies.ts";
import type { TwilioCallStatus } from "../_shared/domain/sessions/call-status.ts";
import { callerAttestation } from "../_shared/domain/sessions/caller-trust.ts";
import { AppError } from "../_shared/platform/errors.ts";
import { createFunctionApp } from "../_shared/platform/http/app.ts";
import { dependencyChecks } from "../_shared/platform/http/dependency-checks.ts";
import { databaseCheck, healthHandler } from "../_shared/platform/http/health.ts";
import { type Background, inBackground } from "../_shared/platform/runtime/background.ts";
import type { FunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { billingWhenConfigured } from "../_shared/wiring/billing.ts";
import { requestBridgePrepare } from "./calls/bridge-prepare.ts";
import { callSessionEnded } from "./calls/ended-call.ts";
import { recordFallback } from "./calls/fallback.ts";
import { prepareOutboundAnswer } from "./calls/outbound.ts";
import { type SpokenLine, spokenTwiml } from "./calls/spoken.ts";
import { applyStatusCallback } from "./calls/status-callback.ts";
import {
  afterStreamEnded,
  loadStreamEndState,
  recordPrepareFailed,
  recordStreamEnded,
  type StreamEndState,
} from "./calls/stream-ended.ts";
import { connectStream, hangUp, sayThenConnect } from "./calls/twiml.ts";
import { loadTwilioConfig } from "./config.ts";
import { sessionQuery, smsParams, statusParams, streamEndedQuery, voiceParams } from "./params.ts";
import { type TwilioEnv, twilioSignature } from "./signature.ts";

export interface TwilioAppOptions {
  /** The HTTP client for the Worker's prepare call; tests pass their own. */
  fetch?: typeof fetch;
  /** Runs work after the response (the prepare call); tests pass a tracked one and await it. */
  inBackground?: Background;
  /**
   * How long the stream-ended answer waits for the Worker's end report when the record does not yet say
   * why the stream ended (the report and Twilio's request race). Default 1000 ms; tests pass 0.
   */
  endReportWaitMs?: number;
}

const END_REPORT_POLL_MS = 100;

/** Twilio's voice webhooks: every request signed by Twilio, every answer TwiML. */
export function createTwilioApp({ db, log, env }: FunctionDeps, options: TwilioAppOptions = {}) {
  const config = loadTwilioConfig(env);
  const app = createFunctionApp({ name: "twilio", log });
  const billing = billingBackground(billingWhenConfigured(db, env, log), log);
  app.get("/health", healthHandler("twilio", { database: databaseCheck(db.ping), ...dependencyChecks(env) }));

  const webhooks = new Hono<TwilioEnv>();
  webhooks.use(twilioSignature(config.TWILIO_AUTH_TOKEN, config.FUNCTIONS_PUBLIC_URL));

  const twiml = (c: Context, body: string) =>
    c.body(body, 200, { "content-type": "text/xml; charset=utf-8" });

  const streamEndedUrl = (callSessionId: string, reconnects: number) =>
    `${config.FUNCTIONS_PUBLIC_URL.replace(/\/+$/, "")}/twilio/voice/stream-ended?sessionId=${callSessionId}&reconnects=${reconnects}`;

  /**
   * Connects the call to the Worker, which is told the line's apology in case the model never comes;
   * `reconnects` streams were opened before this one, and `before` is said first (a reconnect's apology).
   */
  async function streamAnswer(
    c: Context<TwilioEnv>,
    callSessionId: string,
    callSid: string,
    line: SpokenLine,
    reconnects = 0,
    before: string[] = [],
  ) {
    const binding = { callSessionId, callSid, accountSid: config.TWILIO_ACCOUNT_SID };
    const token = await createStreamToken(config.STREAM_TOKEN_SECRET, binding);
    const apology = callApology(languageOf(line.language), line.name);
    const prepare = requestBridgePrepare(
      config.BRIDGE_WORKER_URL,
      config.PREPARE_SIGNING_SECRET,
      { callSessionId, apology, language: line.language },
      options.fetch,
    );
    (options.inBackground ?? inBackground)(
      prepare.catch(async (error) => {
        c.var.log.warn("bridge prepare failed", { callSessionId, error: String(error) });
        await db
          .asService((tx) =>
            recordPrepareFailed(tx, { id: callSessionId, callSid }, reconnects, String(error)),
          )
          .catch((cause) => c.var.log.error("prepare failure not recorded", { error: String(cause) }));
      }),
    );
    const connect = {
      streamUrl: mediaStreamUrl(config.BRIDGE_PUBLIC_URL, callSessionId),
      parameters: {
        [STREAM_TOKEN_PARAMETER]: token,
        [STREAM_APOLOGY_PARAMETER]: apology,
        [STREAM_LANGUAGE_PARAMETER]: line.language,
      },
      action: streamEndedUrl(callSessionId, reconnects),
    };
    return twiml(
      c,
      before.length === 0
        ? connectStream(connect)
        : sayThenConnect({ sentences: before, language: line.language }, connect),
    );
  }

  /** The session's state once it says why the stream ended, or once the wait for the end report is over. */
  async function settledStreamEnd(sessionId: string, reconnects: number): Promise<StreamEndState | null> {
    const deadline = Date.now() + (options.endReportWaitMs ?? 1000);
    for (;;) {
      const state = await db.asService((tx) => loadStreamEndState(tx, sessionId, reconnects));
      const known = !state || state.callOver || state.endReason !== null || state.prepareFailed;
      if (known || Date.now() >= deadline) return state;
      await new Promise((resolve) => setTimeout(resolve, END_REPORT_POLL_MS));
    }
  }

  /**
   * A voice webhook for a call whose session already ended (a replayed webhook: Twilio's signatures never
   * expire) gets a plain hang-up and no stream token.
   */
  async function endedCall(c: Context<TwilioEnv>, callSid: string): Promise<boolean> {
    if (!(await db.asService((tx) => callSessionEnded(tx, callSid)))) return false;
    c.var.log.warn("voice webhook for an ended call", { callSid });
    return true;
  }

  /**
   * SMS replies to our number: STOP stops the kind of text last sent to the sender, START resumes them
   * (carriers require both); the answer is the confirmation as a TwiML <Message>, or nothing.
   */
  webhooks.post("/sms/inbound", async (c) => {
    const params = parse(smsParams, c.var.twilioParams);
    const outcome = await db.asService((tx) => applySmsReply(tx, params.From, params.Body));
    c.var.log.info("sms reply", { messageSid: params.MessageSid, outcome: outcome.kind });
    return twiml(c, outcome.kind === "ignored" ? twimlDocument("") : messageReply(outcome.reply));
  });

  webhooks.post("/voice/inbound", async (c) => {
    const params = parse(voiceParams, c.var.twilioParams);
    if (await endedCall(c, params.CallSid)) return twiml(c, hangUp());
    const attestation = callerAttestation(params.StirVerstat, c.var.attestationSigned);
    const { decided, answer } = await db.asService((tx) =>
      answerInbound(
        tx,
        { callSid: params.CallSid, from: params.From, to: params.To, attestation },
        { unattestedPerHour: config.UNATTESTED_CALLS_PER_HOUR },
      ),
    );
    c.var.log.info("inbound call", {
      callSid: params.CallSid,
      decision: decided,
      callSessionId: answer.kind === "connect" ? answer.sessionId : null,
      callerTrust: attestation.trust,
      verstat: attestation.verstat,
    });
    switch (answer.kind) {
      case "connect":
        return streamAnswer(c, answer.sessionId, params.CallSid, answer);
      case "unknown_caller":
        return twiml(c, spokenTwiml(answer));
      default:
        return twiml(c, spokenTwiml({ kind: answer.kind, line: answer }));
    }
  });

  webhooks.post("/voice/outbound", async (c) => {
    const { sessionId } = parse(sessionQuery, c.req.query());
    const params = parse(voiceParams, c.var.twilioParams);
    if (await endedCall(c, params.CallSid)) return twiml(c, hangUp());
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
        return streamAnswer(c, sessionId, params.CallSid, answer);
      case "hang_up":
        return twiml(c, hangUp());
      case "reminder_voicemail":
        return twiml(
          c,
          spokenTwiml({ kind: answer.kind, line: answer, at: answer.at, timezone: answer.timezone }),
        );
      default:
        return twiml(c, spokenTwiml({ kind: answer.kind, line: answer }));
    }
  });

  // Twilio asks here whenever a media stream ends or never connects (`<Connect action>`).
  webhooks.post("/voice/stream-ended", async (c) => {
    const { sessionId, reconnects } = parse(streamEndedQuery, c.req.query());
    const params = parse(voiceParams.pick({ CallSid: true }), c.var.twilioParams);
    const state = await settledStreamEnd(sessionId, reconnects);
    if (!state) throw new AppError(404, "unknown_session", "No call with that id.");
    const answer = afterStreamEnded(state, reconnects);
    const fresh = await db.asService((tx) =>
      recordStreamEnded(tx, { id: sessionId, callSid: params.CallSid }, reconnects, answer),
    );
    c.var.log.info("stream ended", {
      callSid: params.CallSid,
      callSessionId: sessionId,
      endReason: state.endReason,
      reconnects,
      answer: answer.kind,
      replay: !fresh,
    });
    if (!fresh) return twiml(c, hangUp());
    switch (answer.kind) {
      case "hang_up":
        return twiml(c, hangUp());
      case "reconnect": {
        const language = languageOf(answer.line.language);
        const sorry = copyFor(language).phone.reconnecting(answer.line.name);
        return streamAnswer(c, sessionId, params.CallSid, answer.line, answer.attempt, sorry);
      }
      case "goodbye": {
        if (!answer.line) return twiml(c, spokenTwiml({ kind: "unavailable", line: null }));
        const sorry = callApology(languageOf(answer.line.language), answer.line.name);
        return twiml(c, sayThenHangUp([{ sentences: [sorry], language: answer.line.language }]));
      }
    }
  });

  webhooks.post("/voice/fallback", async (c) => {
    const params = c.var.twilioParams;
    const line = await db
      .asService((tx) =>
        recordFallback(tx, {
          callSid: params.CallSid ?? null,
          from: params.From ?? null,
          errorCode: params.ErrorCode ?? null,
          errorUrl: params.ErrorUrl ?? null,
        }),
      )
      .catch((error) => {
        c.var.log.error("fallback event not recorded", { error: String(error) });
        return null;
      });
    c.var.log.warn("voice fallback used", { callSid: params.CallSid, errorCode: params.ErrorCode });
    return twiml(c, spokenTwiml({ kind: "unavailable", line }));
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
    if (outcome === "ended") billing.afterCallEnded(c.var.log.child({ callSid: params.CallSid }));
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
