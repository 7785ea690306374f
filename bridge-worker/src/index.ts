import { Hono } from "hono";
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyRequest,
} from "../../functions/_shared/signing/request-signature.ts";
import type { Env } from "./env.ts";

export { CallBridge } from "./call-bridge.ts";

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PREPARE_BODY_BYTES = 4 * 1024;

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

function log(level: "info" | "warn", message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level, message, worker: "bridge", ...fields }));
}

const app = new Hono<{ Bindings: Env }>();

app.get("/health", (c) =>
  c.json({
    status: "ok",
    component: "bridge-worker",
    durableObjects: typeof c.env.CALL_BRIDGE?.idFromName === "function",
  }),
);

/** Twilio's media stream for one call; the Durable Object named by the call session id takes it over. */
app.get("/media-stream/:callSessionId", (c) => {
  const { callSessionId } = c.req.param();
  if (!SESSION_ID.test(callSessionId)) return errorResponse(404, "not_found", "No such call.");
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    return errorResponse(426, "upgrade_required", "This endpoint takes a WebSocket.");
  }
  return callBridge(c.env, callSessionId).fetch(c.req.raw);
});

/** Warm start: functions/twilio asks us to load the context and open Grok while Twilio sets up the stream. */
app.post("/calls/:callSessionId/prepare", async (c) => {
  const { callSessionId } = c.req.param();
  if (!SESSION_ID.test(callSessionId)) return errorResponse(404, "not_found", "No such call.");
  const body = await c.req.text();
  if (body.length > MAX_PREPARE_BODY_BYTES) return errorResponse(413, "payload_too_large", "Body too large.");
  const check = await verifyRequest(c.env.BRIDGE_SHARED_SECRET, "prepare", body, {
    timestamp: c.req.header(TIMESTAMP_HEADER),
    signature: c.req.header(SIGNATURE_HEADER),
  });
  if (!check.ok) {
    log("warn", "prepare refused", { callSessionId, reason: check.reason });
    return errorResponse(403, "forbidden", "Signature check failed.");
  }
  return callBridge(c.env, callSessionId).fetch(
    new Request("https://call-bridge/prepare", { method: "POST", body }),
  );
});

app.notFound(() => errorResponse(404, "not_found", "No such route."));
app.onError((error) => {
  log("warn", "unhandled error", { error: error instanceof Error ? error.message : String(error) });
  return errorResponse(500, "internal", "Something went wrong on our side.");
});

function callBridge(env: Env, callSessionId: string) {
  return env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(callSessionId));
}

export default app satisfies ExportedHandler<Env>;
