import { env, runInDurableObject, SELF } from "cloudflare:test";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { CallBridge } from "../../bridge-worker/src/call-bridge.ts";
import { twilioSignature } from "../../bridge-worker/src/twilio/signature.ts";
import { createEdge, wireContext } from "../../bridge-worker/test/peers.ts";
import {
  createStreamToken,
  MAX_PREPARE_BODY_BYTES,
  mediaStreamUrl,
  preparePath,
  STREAM_TOKEN_PARAMETER,
  signRequest,
  WORKER_ROUTES,
  workerPublicUrl,
} from "../../functions/_shared/contracts/index.ts";

/**
 * Bad input on every route of the bridge Worker (WORKER_ROUTES: HTTP and the media WebSocket), inside
 * workerd: missing, forged, replayed and expired signatures and tokens; malformed and oversized bodies;
 * wrong methods and content types. Each answers a clear 4xx `{ error: { code, message } }` (the WebSocket:
 * close code 1008) and changes nothing: the network edge is asked nothing (no context, no end report, no
 * Twilio update) and the call's Durable Object keeps nothing. A route in WORKER_ROUTES without cases here
 * fails the suite; it prints a table of cases per route.
 */

type Route = keyof typeof WORKER_ROUTES;
type Outcome = { status: number; code: string } | { closeCode: number };
interface Case {
  name: string;
  run: (session: string) => Promise<Outcome>;
  expected: Outcome;
}

const ORIGIN = "https://bridge.test";
const CALL_SID = "CA9999999999999999999999999999aaaa";
const paid = { secondsRemaining: null, planKind: "paid" as const, hardCutoff: false };
const table: { route: string; case: string; outcome: string }[] = [];

async function http(path: string, init: RequestInit = {}): Promise<Outcome> {
  const response = await SELF.fetch(`${ORIGIN}${path}`, init);
  const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.message).toBe("string");
  return { status: response.status, code: String(body.error?.code) };
}

// ── /calls/:id/prepare (functions/twilio's warm start) ─────────────────────────────────────────────────
async function prepare(
  session: string,
  opts: { body?: string; secret?: string; path?: string; at?: number; method?: string } = {},
): Promise<Outcome> {
  const body = opts.body ?? JSON.stringify({ callSessionId: session });
  const headers = await signRequest(
    opts.secret ?? env.PREPARE_SIGNING_SECRET,
    "prepare",
    { method: "POST", path: opts.path ?? preparePath(session), body },
    opts.at,
  );
  return http(preparePath(session), { method: opts.method ?? "POST", body, headers });
}

// ── /twilio/voice-fallback (the number's fallback URL) ───────────────────────────────────────────────
const fallbackUrl = workerPublicUrl(env.BRIDGE_PUBLIC_URL, WORKER_ROUTES.voiceFallback);
const fallbackParams = { CallSid: CALL_SID, AccountSid: env.TWILIO_ACCOUNT_SID, From: "+15550001111" };
const form = "application/x-www-form-urlencoded";

async function fallback(
  opts: { params?: Record<string, string>; signedParams?: Record<string, string>; url?: string } & {
    token?: string;
    contentType?: string;
    signature?: string | null;
    body?: string;
  } = {},
): Promise<Outcome> {
  const params = opts.params ?? fallbackParams;
  const signature =
    opts.signature === undefined
      ? await twilioSignature(
          opts.token ?? env.TWILIO_AUTH_TOKEN,
          opts.url ?? fallbackUrl,
          opts.signedParams ?? params,
        )
      : opts.signature;
  const headers: Record<string, string> = { "content-type": opts.contentType ?? form };
  if (signature !== null) headers["x-twilio-signature"] = signature;
  return http(WORKER_ROUTES.voiceFallback, {
    method: "POST",
    headers,
    body: opts.body ?? new URLSearchParams(params).toString(),
  });
}

// ── /media-stream/:id (Twilio's media stream) ─────────────────────────────────────────────────────────
async function upgrade(session: string, signature: string | null, method = "GET"): Promise<Outcome> {
  const headers: Record<string, string> = { Upgrade: "websocket" };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  return http(`/media-stream/${session}`, { method, headers });
}

/** A signed upgrade whose `start` brings `token`; resolves with the close code the Worker chose. */
async function streamWithToken(session: string, token: string | null): Promise<Outcome> {
  const url = mediaStreamUrl(env.BRIDGE_PUBLIC_URL, session);
  const response = await SELF.fetch(`${ORIGIN}/media-stream/${session}`, {
    headers: {
      Upgrade: "websocket",
      "X-Twilio-Signature": await twilioSignature(env.TWILIO_AUTH_TOKEN, url),
    },
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no WebSocket: ${response.status}`);
  socket.accept();
  const closed = new Promise<number>((resolve) => socket.addEventListener("close", (e) => resolve(e.code)));
  const customParameters = token === null ? {} : { [STREAM_TOKEN_PARAMETER]: token };
  socket.send(
    JSON.stringify({
      event: "start",
      streamSid: "MZ1",
      start: { streamSid: "MZ1", callSid: CALL_SID, accountSid: env.TWILIO_ACCOUNT_SID, customParameters },
    }),
  );
  return { closeCode: await closed };
}

const tokenFor = (session: string, opts: { secret?: string; callSid?: string; at?: number } = {}) =>
  createStreamToken(
    opts.secret ?? env.STREAM_TOKEN_SECRET,
    { callSessionId: session, callSid: opts.callSid ?? CALL_SID, accountSid: env.TWILIO_ACCOUNT_SID },
    opts.at,
  );

const now = () => Math.floor(Date.now() / 1000);
const refused = (status: number, code: string): Outcome => ({ status, code });
const policyClose: Outcome = { closeCode: 1008 };

const CASES: Record<Route, Case[]> = {
  health: [
    {
      name: "wrong method (POST)",
      run: () => http("/health", { method: "POST" }),
      expected: refused(405, "method_not_allowed"),
    },
  ],
  prepare: [
    {
      name: "no signature",
      run: (s) => http(preparePath(s), { method: "POST", body: JSON.stringify({ callSessionId: s }) }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "forged signature (another key)",
      run: (s) => prepare(s, { secret: "not-the-prepare-secret-at-all" }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "expired signature (10 min old)",
      run: (s) => prepare(s, { at: now() - 600 }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "signed for another call's path",
      run: (s) => prepare(s, { path: preparePath(crypto.randomUUID()) }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "replayed (the same signed request twice)",
      run: async (s) => {
        const body = JSON.stringify({ callSessionId: s });
        const headers = await signRequest(env.PREPARE_SIGNING_SECRET, "prepare", {
          method: "POST",
          path: preparePath(s),
          body,
        });
        // The first is the legitimate warm start (it changes the object); the case is the second.
        await SELF.fetch(`${ORIGIN}${preparePath(s)}`, { method: "POST", body, headers }).then((r) =>
          r.arrayBuffer(),
        );
        return http(preparePath(s), { method: "POST", body, headers });
      },
      expected: refused(409, "replayed_request"),
    },
    {
      name: "malformed JSON",
      run: (s) => prepare(s, { body: "{not json" }),
      expected: refused(400, "invalid_body"),
    },
    {
      name: "truncated JSON",
      run: (s) => prepare(s, { body: JSON.stringify({ callSessionId: s }).slice(0, 20) }),
      expected: refused(400, "invalid_body"),
    },
    {
      name: "another call's id in the body",
      run: (s) => prepare(s, { body: JSON.stringify({ callSessionId: crypto.randomUUID() }) }),
      expected: refused(400, "invalid_body"),
    },
    {
      name: "wrong types",
      run: (s) => prepare(s, { body: JSON.stringify({ callSessionId: s, apology: 42 }) }),
      expected: refused(400, "invalid_body"),
    },
    {
      name: "oversized body",
      run: (s) =>
        prepare(s, { body: `{"callSessionId":"${s}","x":"${"a".repeat(MAX_PREPARE_BODY_BYTES)}"}` }),
      expected: refused(413, "payload_too_large"),
    },
    {
      name: "not a session id",
      run: () => http("/calls/not-a-uuid/prepare", { method: "POST", body: "{}" }),
      expected: refused(404, "not_found"),
    },
    {
      name: "wrong method (GET)",
      run: (s) => http(preparePath(s)),
      expected: refused(405, "method_not_allowed"),
    },
  ],
  mediaStream: [
    { name: "no Twilio signature", run: (s) => upgrade(s, null), expected: refused(403, "forbidden") },
    {
      name: "forged signature (another auth token)",
      run: async (s) =>
        upgrade(s, await twilioSignature("another-auth-token", mediaStreamUrl(env.BRIDGE_PUBLIC_URL, s))),
      expected: refused(403, "forbidden"),
    },
    {
      name: "signature of another call's stream (replayed)",
      run: async (s) =>
        upgrade(
          s,
          await twilioSignature(
            env.TWILIO_AUTH_TOKEN,
            mediaStreamUrl(env.BRIDGE_PUBLIC_URL, crypto.randomUUID()),
          ),
        ),
      expected: refused(403, "forbidden"),
    },
    {
      name: "garbage signature",
      run: (s) => upgrade(s, "<script>alert(1)</script>"),
      expected: refused(403, "forbidden"),
    },
    {
      name: "not a WebSocket upgrade",
      run: (s) => http(`/media-stream/${s}`),
      expected: refused(426, "upgrade_required"),
    },
    {
      name: "not a session id",
      run: () => http("/media-stream/' OR 1=1 --", { headers: { Upgrade: "websocket" } }),
      expected: refused(404, "not_found"),
    },
    {
      name: "wrong method (POST)",
      run: (s) => http(`/media-stream/${s}`, { method: "POST" }),
      expected: refused(405, "method_not_allowed"),
    },
    { name: "start without a stream token", run: (s) => streamWithToken(s, null), expected: policyClose },
    {
      name: "forged stream token (another key)",
      run: async (s) => streamWithToken(s, await tokenFor(s, { secret: "not-the-stream-token-secret" })),
      expected: policyClose,
    },
    {
      name: "expired stream token",
      run: async (s) => streamWithToken(s, await tokenFor(s, { at: now() - 600 })),
      expected: policyClose,
    },
    {
      name: "stream token of another call",
      run: async (s) => streamWithToken(s, await tokenFor(crypto.randomUUID())),
      expected: policyClose,
    },
    {
      name: "stream token for another CallSid",
      run: async (s) =>
        streamWithToken(s, await tokenFor(s, { callSid: "CA0000000000000000000000000000ffff" })),
      expected: policyClose,
    },
    {
      name: "malformed stream token",
      run: (s) => streamWithToken(s, "1.<img src=x>"),
      expected: policyClose,
    },
  ],
  voiceFallback: [
    { name: "no signature", run: () => fallback({ signature: null }), expected: refused(403, "forbidden") },
    {
      name: "forged signature (another auth token)",
      run: () => fallback({ token: "another-auth-token" }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "tampered parameters",
      run: () => fallback({ signedParams: { ...fallbackParams, From: "+15559990000" } }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "signed for another URL (replayed)",
      run: () => fallback({ url: `${env.FUNCTIONS_URL}/twilio/voice/fallback` }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "truncated body",
      run: () => fallback({ body: new URLSearchParams(fallbackParams).toString().slice(0, 30) }),
      expected: refused(403, "forbidden"),
    },
    {
      name: "wrong content type (JSON)",
      run: () => fallback({ contentType: "application/json", body: JSON.stringify(fallbackParams) }),
      expected: refused(415, "unsupported_media_type"),
    },
    {
      name: "oversized body",
      run: () => fallback({ body: `CallSid=${"A".repeat(20_000)}` }),
      expected: refused(413, "payload_too_large"),
    },
    {
      name: "wrong method (GET)",
      run: () => http(WORKER_ROUTES.voiceFallback),
      expected: refused(405, "method_not_allowed"),
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

afterAll(() => {
  console.table(table);
});

describe("bad input on every Worker route", () => {
  it("has cases for every route the Worker serves", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(WORKER_ROUTES).sort());
    for (const cases of Object.values(CASES)) expect(cases.length).toBeGreaterThan(0);
  });

  it("the test stack's reset control does not exist unless BRIDGE_TEST_CONTROLS is on", async () => {
    expect(env.BRIDGE_TEST_CONTROLS).toBe("off");
    const session = crypto.randomUUID();
    const outcome = await http(`/_test/calls/${session}/reset`, { method: "POST" });
    expect(outcome).toEqual({ status: 404, code: "not_found" });
    table.push({
      route: "/_test/calls/:callSessionId/reset",
      case: "controls off",
      outcome: JSON.stringify(outcome),
    });
  });

  for (const [route, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      it(`${route}: ${c.name} → ${"status" in c.expected ? `${c.expected.status} ${c.expected.code}` : `close ${c.expected.closeCode}`}, nothing changed`, async () => {
        const edge = createEdge({ context: (id) => wireContext(id, paid) });
        const asked: string[] = [];
        vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
          asked.push(new Request(input, init).url);
          return edge.fetch(input, init);
        });
        const session = crypto.randomUUID();
        const outcome = await c.run(session);
        expect(outcome).toEqual(c.expected);
        table.push({ route: WORKER_ROUTES[route as Route], case: c.name, outcome: JSON.stringify(outcome) });
        // Nothing changed: no context loaded, no end report, no Twilio update, nothing kept for the call.
        const changed = asked.filter((url) => !url.endsWith("/events"));
        if (c.name.startsWith("replayed")) {
          // Only the legitimate first request's warm start (its context) happened, once.
          expect(changed.filter((url) => url.endsWith("/context")).length).toBeLessThanOrEqual(1);
        } else expect(changed).toEqual([]);
        expect(edge.summaries).toEqual([]);
        expect(edge.twilioUpdates).toEqual([]);
        await runInDurableObject(
          env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(session)),
          async (instance: CallBridge, state) => {
            await instance.settled();
            expect(await state.storage.get("call")).toBeUndefined();
          },
        );
      });
    }
  }
});
