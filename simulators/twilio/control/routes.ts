import { Hono } from "hono";
import { z } from "zod";
import type { SimulatorState } from "../state.ts";
import { ScriptError } from "../stream/caller-script.ts";
import { CODE_TTL_MS } from "../verify/store.ts";

/**
 * The test-only control surface under `/_sim` — not part of Twilio's API, no auth, JSON errors in the
 * project's `{ error: { code, message } }` shape.
 */

const behaviour = {
  kind: z.enum(["human", "machine", "fax"]).optional(),
  seconds: z.number().positive().optional(),
  speak: z.string().optional(),
  dtmf: z.string().optional(),
};
const InboundCall = z.object({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/),
  to: z.string().optional(),
  /** The caller ID's STIR/SHAKEN result Twilio sends (default A-attested); null: none, as for non-US calls. */
  stirVerstat: z.string().max(64).nullable().optional(),
  ...behaviour,
});
/** `reject`: the person declines the call, which Twilio reports as busy. */
const CalleeBehaviour = z.object({
  answer: z.enum(["answer", "reject", "busy", "no-answer", "failed"]).optional(),
  ringMs: z.number().nonnegative().optional(),
  ...behaviour,
});
/**
 * One behaviour for every call to `to`, or a `script`: successive calls play its behaviours in order and
 * the last one stays (e.g. no-answer, then answer).
 */
const Callee = CalleeBehaviour.extend({
  to: z.string().regex(/^\+[1-9]\d{6,14}$/),
  script: z.array(CalleeBehaviour).min(1).max(20).optional(),
});
const asParty = ({ answer, ...rest }: z.infer<typeof CalleeBehaviour>) =>
  answer === undefined ? rest : { ...rest, answer: answer === "reject" ? ("busy" as const) : answer };
const RestFault = z.object({
  path: z.string().min(1).max(200),
  method: z.enum(["GET", "POST", "DELETE"]).optional(),
  status: z.union([z.literal(429), z.literal(500), z.literal(503)]).default(503),
  count: z.number().int().positive().max(1000).default(1),
});
const Redeliver = z.object({ sequenceNumbers: z.array(z.number().int().nonnegative()).optional() });

export function controlRoutes(state: SimulatorState): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof z.ZodError || error instanceof ScriptError || error instanceof SyntaxError) {
      return c.json({ error: { code: "invalid_request", message: error.message } }, 400);
    }
    state.options.log(`control ${c.req.path} failed: ${error.stack ?? error.message}`);
    return c.json({ error: { code: "internal", message: "internal error" } }, 500);
  });

  app.get("/health", (c) => c.json({ ok: true, phoneNumber: state.options.phoneNumber }));

  app.get("/calls", (c) => c.json({ calls: state.summaries() }));

  app.get("/calls/:sid", (c) => {
    const call = state.calls.get(c.req.param("sid"));
    return call
      ? c.json(call.summary)
      : c.json({ error: { code: "not_found", message: "no such call" } }, 404);
  });

  // Blocks until the call is over and its callbacks are delivered, then answers with the summary.
  app.post("/calls/inbound", async (c) => {
    const call = state.placeInbound(InboundCall.parse(await c.req.json()));
    return c.json(await call.finished);
  });

  app.post("/calls/:sid/status-callbacks/redeliver", async (c) => {
    const call = state.calls.get(c.req.param("sid"));
    if (!call) return c.json({ error: { code: "not_found", message: "no such call" } }, 404);
    const { sequenceNumbers } = Redeliver.parse(await c.req.json().catch(() => ({})));
    return c.json({ deliveries: await call.callbacks.redeliver(sequenceNumbers) });
  });

  app.post("/callees", async (c) => {
    const { to, script: steps, ...single } = Callee.parse(await c.req.json());
    const script = (steps ?? [single]).map(asParty);
    state.callees.set(to, script.at(-1) ?? asParty(single));
    if (script.length > 1) state.calleeScripts.set(to, script.slice(0, -1));
    else state.calleeScripts.delete(to);
    return c.json({ ok: true });
  });

  // The next `count` REST requests whose path contains `path` (e.g. "Messages.json"), of `method` when
  // given, fail with `status`.
  app.post("/faults/rest", async (c) => {
    state.restFaults.push(RestFault.parse(await c.req.json()));
    return c.json({ ok: true });
  });

  app.get("/messages", (c) => {
    const to = c.req.query("to");
    return c.json({ messages: state.messages.filter((m) => !to || m.to === to) });
  });

  app.get("/verify/codes", (c) => c.json({ codes: codeList(state, c.req.query("to")) }));

  app.post("/reset", (c) => {
    state.reset();
    return c.json({ ok: true });
  });

  return app;
}

export interface VerificationCode {
  to: string;
  code: string;
  channel: string;
  status: string;
  serviceSid: string;
  sid: string;
  createdAt: string;
  expiresAt: string;
}

/** Verification codes, newest first, optionally for one recipient. */
export function codeList(state: SimulatorState, to?: string): VerificationCode[] {
  const now = state.options.scheduler.now();
  return state.verify.history
    .filter((v) => !to || v.to === to)
    .map((v) => ({
      to: v.to,
      code: v.code,
      channel: v.channel,
      status: v.status === "pending" && now - v.createdAtMs >= CODE_TTL_MS ? "expired" : v.status,
      serviceSid: v.serviceSid,
      sid: v.sid,
      createdAt: new Date(v.createdAtMs).toISOString(),
      expiresAt: new Date(v.createdAtMs + CODE_TTL_MS).toISOString(),
    }))
    .reverse();
}
