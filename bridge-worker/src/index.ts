import { Hono } from "hono";
import {
  FALLBACK_WORDS,
  isSessionId,
  MAX_PREPARE_BODY_BYTES,
  maskPhoneNumbers,
  mediaStreamUrl,
  prepareRequest,
  sayThenHangUp,
  signatureHeaders,
  signedPathOf,
  verifyRequest,
  WORKER_ROUTES,
  workerPublicUrl,
} from "../../functions/_shared/contracts/index.ts";
import { bridgeConfig } from "./env.ts";
import { workerHealth } from "./shell/health.ts";
import { mountTestControls } from "./test-controls.ts";
import { verifyTwilioSignature } from "./twilio/signature.ts";

/** Twilio's voice webhook parameters come to a few hundred bytes; anything this big is not Twilio. */
const MAX_TWILIO_FORM_BYTES = 16 * 1024;

export { CallBridge } from "./call-bridge.ts";

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

function log(level: "info" | "warn", message: string, fields: Record<string, unknown> = {}): void {
  // Phone numbers never reach the logs whole (Twilio error strings carry them).
  console.log(maskPhoneNumbers(JSON.stringify({ level, message, worker: "bridge", ...fields })));
}

const app = new Hono<{ Bindings: Env }>();

app.get(WORKER_ROUTES.health, async (c) => {
  const health = await workerHealth(c.env, (input, init) => fetch(input, init));
  if (health.status !== "healthy") log("warn", "health", { status: health.status, checks: health.checks });
  return c.json(health, health.status === "unhealthy" ? 503 : 200);
});

/**
 * Twilio's media stream for one call; the Durable Object named by the call session id takes it over. Only
 * Twilio may open it: the upgrade must carry Twilio's signature over the stream URL as our TwiML gave it
 * (rebuilt from the configured public origin, never from Host), with no parameters.
 */
app.get(WORKER_ROUTES.mediaStream, async (c) => {
  const { callSessionId } = c.req.param();
  if (!isSessionId(callSessionId)) return errorResponse(404, "not_found", "No such call.");
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    return errorResponse(426, "upgrade_required", "This endpoint takes a WebSocket.");
  }
  const config = bridgeConfig(c.env);
  const url = mediaStreamUrl(config.BRIDGE_PUBLIC_URL, callSessionId);
  const signature = c.req.header("x-twilio-signature");
  if (!(await verifyTwilioSignature(config.TWILIO_AUTH_TOKEN, url, signature))) {
    log("warn", "media stream refused", { callSessionId, reason: signature ? "mismatch" : "missing" });
    return errorResponse(403, "forbidden", "Signature check failed.");
  }
  return callBridge(c.env, callSessionId).fetch(c.req.raw);
});

/** Warm start: functions/twilio asks us to load the context and open Grok while Twilio sets up the stream. */
app.post(WORKER_ROUTES.prepare, async (c) => {
  const { callSessionId } = c.req.param();
  if (!isSessionId(callSessionId)) return errorResponse(404, "not_found", "No such call.");
  const body = await c.req.text();
  if (body.length > MAX_PREPARE_BODY_BYTES) return errorResponse(413, "payload_too_large", "Body too large.");
  const check = await verifyRequest(
    bridgeConfig(c.env).PREPARE_SIGNING_SECRET,
    "prepare",
    { method: c.req.method, path: signedPathOf(c.req.url), body },
    signatureHeaders((name) => c.req.header(name)),
  );
  if (!check.ok) {
    log("warn", "prepare refused", { callSessionId, reason: check.reason });
    return errorResponse(403, "forbidden", "Signature check failed.");
  }
  const parsed = prepareRequest.safeParse(parseJson(body));
  if (!parsed.success || parsed.data.callSessionId !== callSessionId) {
    return errorResponse(400, "invalid_body", "The request body does not match the contract.");
  }
  // The signature covers the path, so the body's id must be the path's, and the nonce is claimed by that object.
  const outcome = await callBridge(c.env, callSessionId).warmStart(parsed.data, check.nonce);
  if (outcome === "replayed") {
    log("warn", "prepare refused", { callSessionId, reason: "replayed" });
    return errorResponse(409, "replayed_request", "This signed request was already received.");
  }
  return c.json({ ok: true as const }, 202);
});

/**
 * The number's fallback URL (Twilio calls it when functions/twilio fails or cannot be reached): the caller
 * hears that we cannot take the call, in English and Spanish — with the functions host down the line's
 * language cannot be looked up, and a +1 number does not tell English from Spanish. Signed by Twilio over
 * the Worker's public URL and the form parameters; a replay only hears the same sentences, nothing changes.
 */
app.post(WORKER_ROUTES.voiceFallback, async (c) => {
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return errorResponse(415, "unsupported_media_type", "Expected a form-encoded body.");
  if (Number(c.req.header("content-length") ?? 0) > MAX_TWILIO_FORM_BYTES)
    return errorResponse(413, "payload_too_large", "Body too large.");
  const body = await c.req.text();
  if (body.length > MAX_TWILIO_FORM_BYTES) return errorResponse(413, "payload_too_large", "Body too large.");
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) params[name] = value;
  const config = bridgeConfig(c.env);
  // Twilio signs the URL it called, query string included.
  const url =
    workerPublicUrl(config.BRIDGE_PUBLIC_URL, WORKER_ROUTES.voiceFallback) + new URL(c.req.url).search;
  const signature = c.req.header("x-twilio-signature");
  if (!(await verifyTwilioSignature(config.TWILIO_AUTH_TOKEN, url, signature, params))) {
    log("warn", "voice fallback refused", { reason: signature ? "mismatch" : "missing" });
    return errorResponse(403, "forbidden", "Signature check failed.");
  }
  log("warn", "voice fallback answered", {
    callSid: params.CallSid ?? null,
    errorCode: params.ErrorCode ?? null,
  });
  return c.body(sayThenHangUp(FALLBACK_WORDS), 200, { "content-type": "text/xml; charset=utf-8" });
});

mountTestControls(app);

// A known route asked with another method.
for (const path of Object.values(WORKER_ROUTES))
  app.all(path, () => errorResponse(405, "method_not_allowed", "This route does not take that method."));

app.notFound(() => errorResponse(404, "not_found", "No such route."));
app.onError((error) => {
  log("warn", "unhandled error", { error: error instanceof Error ? error.message : String(error) });
  return errorResponse(500, "internal", "Something went wrong on our side.");
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function callBridge(env: Env, callSessionId: string) {
  return env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(callSessionId));
}

export default app satisfies ExportedHandler<Env>;
