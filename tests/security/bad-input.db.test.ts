import Stripe from "stripe";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../../functions/_shared/contracts/signing/request-signature.ts";
import { signQstash } from "../../simulators/qstash/sign.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  BILLING_TEST_SECRET,
  type BillingTestbed,
  startBillingTestbed,
  startLiveSession,
  TEST_BRIDGE_SECRET,
  TEST_KEK,
  testBridgeApp,
  UNREACHABLE_URL,
  useApiApp,
  useTestDatabase,
} from "../support/kit.ts";
import { schedulerHarness, schedulerTestEnv, TICK_URL } from "../support/scheduler-harness.ts";
import { twilioTestApp, twilioTestEnv } from "../support/twilio-webhooks.ts";

/**
 * Bad input on every public HTTP route of every function: each case is refused with a 4xx and the
 * `{ error: { code, message } }` body, and leaves every table exactly as it was (checksums before and
 * after). The routes come from the functions' routers and the API's OpenAPI document; a route with no
 * cases of a family that applies to it fails the suite. A table of cases per route is printed.
 */
const testDb = useTestDatabase();
const api = useApiApp(testDb, { resetData: true });

type Family = "auth" | "method" | "content-type" | "body" | "ids" | "values";

interface Case {
  route: string;
  family: Family;
  name: string;
  send: () => Promise<Response>;
  /**
   * A case answered 2xx by design, still changing nothing but the tables named: a tool's invalid arguments
   * (an output the model reads, recorded in the call's events) and an event type Stripe may send that we do
   * not handle (Stripe retries anything but a 2xx for three days).
   */
  acknowledged?: { mayChange: string[] };
}

interface Route {
  fn: string;
  method: string;
  path: string;
  auth: "twilio" | "jwt" | "bridge" | "stripe" | "qstash" | "public";
}

type App = {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
  routes: { method: string; path: string }[];
};

let billing: BillingTestbed;
let apps: Record<string, App>;
let token: string;
/** A live call on Rose's line, so the bridge's body values reach validation rather than "no such session". */
let liveSession: string;
let openApiPaths: {
  method: string;
  path: string;
  hasBody: boolean;
  bodyProps: Record<string, { type?: string; format?: string }>;
}[];

const UUID_UNKNOWN = "0f0f0f0f-0000-4000-8000-0000000000ff";
const OTHER_FAMILY = SEED.lines.paid;
const BAD_STRINGS: Record<string, string> = {
  "SQL-looking": "' OR 1=1; DROP TABLE ultaura_lines; --",
  "HTML-looking": '<script>alert("x")</script>',
  "control characters": "a\u0000b\u0007c\u001b",
  "odd Unicode": "\u202e\ud800\ufeff\u{1f600}",
  "over-long": "x".repeat(100_000),
};

beforeAll(async () => {
  billing = await startBillingTestbed(testDb.db);
  liveSession = await startLiveSession(testDb.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
  token = (await api.signIn(SEED.users.demo.email)).access_token;
  apps = {
    twilio: twilioTestApp(testDb.db, { endReportWaitMs: 0 }).app as unknown as App,
    api: api.app as unknown as App,
    bridge: testBridgeApp(testDb.db, TEST_KEK, UNREACHABLE_URL) as unknown as App,
    billing: billing.app as unknown as App,
    scheduler: schedulerHarness(testDb.db).app as unknown as App,
  };
  const document = (await (
    await api.request()("GET", "/openapi.json")
  ).body) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>
    >;
    components?: { schemas?: Record<string, unknown> };
  };
  openApiPaths = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, ":$1"),
      hasBody: operation.requestBody !== undefined,
      bodyProps: propertiesOf(
        operation.requestBody?.content?.["application/json"]?.schema,
        document.components?.schemas ?? {},
      ),
    })),
  );
});
afterAll(() => billing?.stop());

function propertiesOf(
  schema: unknown,
  components: Record<string, unknown>,
): Record<string, { type?: string; format?: string }> {
  let s = schema as
    | { $ref?: string; properties?: Record<string, { type?: string; format?: string }> }
    | undefined;
  if (s?.$ref) s = components[s.$ref.replace("#/components/schemas/", "")] as typeof s;
  return s?.properties ?? {};
}

/** Every public table's rows, hashed: equal before and after a refused request. */
async function checksums(): Promise<Record<string, string>> {
  const tables = await testDb.db.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await testDb.db.sql.unsafe<{ h: string | null }[]>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from public."${name}" t`,
    );
    out[name] = row?.h ?? "";
  }
  return out;
}

function routesOf(): Route[] {
  const authOf = (fn: string, path: string): Route["auth"] => {
    if (path.endsWith("/health") || path === "/api/openapi.json") return "public";
    return (
      { twilio: "twilio", api: "jwt", bridge: "bridge", billing: "stripe", scheduler: "qstash" } as const
    )[fn as "twilio"];
  };
  const seen = new Map<string, Route>();
  for (const [fn, app] of Object.entries(apps)) {
    for (const r of app.routes) {
      if (r.method === "ALL" || r.path.endsWith("*")) continue;
      seen.set(`${r.method} ${r.path}`, {
        fn,
        method: r.method,
        path: r.path,
        auth: authOf(fn, r.path),
      });
    }
  }
  return [...seen.values()];
}

/** Puts `value` in every path parameter; a lone surrogate goes in as an invalid UTF-8 escape. */
const fill = (path: string, value: string) =>
  path.replace(
    /:(\w+)/g,
    () =>
      encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "")) +
      (/[\ud800-\udfff]/.test(value) ? "%ED%A0%80%C0%AF" : ""),
  );
const hasBody = (method: string) => method === "POST" || method === "PUT" || method === "PATCH";

/** A request to a route, authenticated as its kind requires unless `auth` overrides it. */
async function request(
  route: Route,
  options: {
    path?: string;
    method?: string;
    body?: BodyInit | null;
    contentType?: string | null;
    auth?: "valid" | "missing" | "forged" | "expired" | "replayed";
  } = {},
): Promise<Response> {
  const method = options.method ?? route.method;
  const path = options.path ?? fill(route.path, UUID_UNKNOWN);
  const auth = options.auth ?? "valid";
  const body = options.body === undefined ? (hasBody(method) ? "{}" : null) : options.body;
  const headers: Record<string, string> = {};
  const contentType =
    options.contentType === undefined
      ? route.auth === "twilio"
        ? "application/x-www-form-urlencoded"
        : "application/json"
      : options.contentType;
  if (contentType && body !== null) headers["content-type"] = contentType;
  const text = typeof body === "string" ? body : "";
  const app = apps[route.fn] as App;
  switch (route.auth) {
    case "twilio": {
      const params = Object.fromEntries(new URLSearchParams(text));
      const url = `${twilioTestEnv.FUNCTIONS_PUBLIC_URL}${path}`;
      if (auth === "valid" || auth === "replayed")
        headers["x-twilio-signature"] = getExpectedTwilioSignature(
          twilioTestEnv.TWILIO_AUTH_TOKEN,
          url,
          params,
        );
      if (auth === "forged" || auth === "expired")
        headers["x-twilio-signature"] = getExpectedTwilioSignature("guessed-token", url, params);
      break;
    }
    case "jwt":
      if (auth === "valid" || auth === "replayed") headers.authorization = `Bearer ${token}`;
      if (auth === "forged") headers.authorization = `Bearer ${await forgedJwt(false)}`;
      if (auth === "expired") headers.authorization = `Bearer ${await forgedJwt(true)}`;
      break;
    case "bridge": {
      const signed = await signRequest(
        auth === "forged" ? "not-the-bridge-secret-0123456789abcdef" : TEST_BRIDGE_SECRET,
        "bridge",
        { method, path, body: text },
        auth === "expired" ? Math.floor(Date.now() / 1000) - 3600 : undefined,
      );
      if (auth !== "missing") Object.assign(headers, signed);
      if (auth === "replayed") {
        await app.request(path, { method, headers: { ...headers }, ...(body === null ? {} : { body }) });
      }
      break;
    }
    case "stripe": {
      if (auth === "missing") break;
      const secret = auth === "forged" ? "whsec_guessed" : BILLING_TEST_SECRET;
      const timestamp = Math.floor(Date.now() / 1000) - (auth === "expired" ? 3600 : 0);
      headers["stripe-signature"] = Stripe.webhooks.generateTestHeaderString({
        payload: text,
        secret,
        timestamp,
      });
      break;
    }
    case "qstash": {
      if (auth === "missing") break;
      headers["upstash-signature"] = await signQstash({
        key: auth === "forged" ? "sig_guessed_key" : schedulerTestEnv.QSTASH_CURRENT_SIGNING_KEY,
        url: TICK_URL,
        body: text,
        ...(auth === "expired" ? { now: new Date(Date.now() - 3_600_000) } : {}),
      });
      break;
    }
    case "public":
      break;
  }
  return app.request(path, {
    method,
    headers,
    ...(body === null ? {} : { body }),
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function forgedJwt(expired: boolean): Promise<string> {
  const { SignJWT } = await import("jose");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: SEED.users.demo.id, role: "authenticated", aud: "authenticated" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(expired ? now - 7200 : now)
    .setExpirationTime(expired ? now - 3600 : now + 3600)
    .sign(
      new TextEncoder().encode(
        expired
          ? "test-jwt-secret-with-at-least-32-characters-0123"
          : "an-attacker-s-own-secret-of-32-characters!!",
      ),
    );
}

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
      controller.close();
    },
  });
}

/** The cases for one route, by family; which families apply depends on the route. */
function casesFor(route: Route): Case[] {
  const key = `${route.method} ${route.path}`;
  const cases: Case[] = [];
  const add = (
    family: Family,
    name: string,
    send: () => Promise<Response>,
    acknowledged?: Case["acknowledged"],
  ) => cases.push({ route: key, family, name, send, ...(acknowledged ? { acknowledged } : {}) });

  if (route.auth !== "public") {
    for (const auth of ["missing", "forged", "expired", "replayed"] as const) {
      // Twilio signs no timestamp and a JWT is a bearer token: for those, "expired" is a stale
      // signature by another key and a replay is covered by the idempotency tests, not here.
      if (auth === "replayed" && route.auth !== "bridge") continue;
      add("auth", auth, () => request(route, { auth }));
    }
  }
  const registered = new Set(
    routesOf()
      .filter((r) => r.path === route.path)
      .map((r) => r.method),
  );
  const wrong = ["DELETE", "PUT", "PATCH", "GET", "POST"].find((m) => !registered.has(m)) as string;
  add("method", `wrong method (${wrong})`, () => request(route, { method: wrong }));
  if (takesBody(route)) {
    const type = route.auth === "twilio" ? "application/json" : "text/plain";
    add("content-type", `sent as ${type}`, () => request(route, { contentType: type, body: "a=1" }));
    const garbage = route.auth === "twilio" ? "%%%=%" : '{"name": "x", ';
    const fallback = route.path.endsWith("/fallback");
    if (!fallback)
      add("body", "malformed", () =>
        request(route, { body: route.auth === "twilio" ? "CallSid=%ZZ" : "{not json" }),
      );
    if (!fallback) add("body", "truncated", () => request(route, { body: garbage }));
    add("body", "oversized", () => request(route, { body: `{"x":"${"y".repeat(2_000_000)}"}` }));
    if (!fallback) add("body", "chunked, malformed", () => request(route, { body: chunked(garbage) }));
  }
  if (route.path.includes(":")) {
    add("ids", "unknown id", () => request(route, { path: fill(route.path, UUID_UNKNOWN) }));
    add("ids", "another family's id", () => request(route, { path: fill(route.path, OTHER_FAMILY) }));
    for (const [name, value] of Object.entries(BAD_STRINGS))
      add("ids", `${name} id`, () => request(route, { path: fill(route.path, value.slice(0, 2000)) }));
  }
  if (route.auth === "twilio") {
    for (const [name, value] of Object.entries(BAD_STRINGS)) {
      if (route.path.endsWith("/fallback")) break;
      const params = new URLSearchParams({ CallSid: value, From: value, To: value, CallStatus: value });
      add("values", `${name} parameters`, () => request(route, { body: params.toString() }));
    }
  }
  if (route.auth === "bridge") bridgeValueCases(route, add);
  if (route.auth === "stripe") stripeValueCases(route, add);
  const documented = openApiPaths?.find((p) => p.method === route.method && p.path === route.path);
  if (documented?.hasBody) {
    for (const [prop, schema] of Object.entries(documented.bodyProps)) {
      const bad: [string, unknown][] = [
        ["wrong type", schema.type === "string" ? { nested: true } : "not-a-number"],
        ["over-long", "x".repeat(100_000)],
        ["control characters", "a\u0000b"],
      ];
      if (schema.type === "integer" || schema.type === "number")
        bad.push(["invalid number", 1.5], ["negative", -1_000_000_000], ["huge", 1e308]);
      if (/zone/i.test(prop)) bad.push(["invalid time zone", "Mars/Olympus_Mons"]);
      if (/date|At$|time/i.test(prop) || schema.format?.startsWith("date"))
        bad.push(["invalid date", "2026-02-30T25:61:00Z"]);
      for (const [name, value] of bad)
        add("values", `${prop}: ${name}`, () => request(route, { body: JSON.stringify({ [prop]: value }) }));
    }
  }
  return cases;
}

type Add = (
  family: Family,
  name: string,
  send: () => Promise<Response>,
  acknowledged?: Case["acknowledged"],
) => void;

/** The bridge's JSON bodies with wrong values, sent for the live session (a tool: `store_memory`). */
function bridgeValueCases(route: Route, add: Add): void {
  const path = route.path.replace(":id", liveSession).replace(":name", "store_memory");
  const send = (body: unknown) => () => request(route, { path, body: JSON.stringify(body) });
  const summary = {
    endReason: "caller_hangup",
    streamSeconds: 60,
    callerTurns: 1,
    assistantTurns: 1,
    bargeIns: 0,
    toolCalls: 0,
    firstAudioMs: 100,
  };
  const bad: Record<string, [string, unknown][]> = {
    "/sessions/:id/tools/:name": [
      ["no callId", { arguments: { text: "x", kind: "fact" } }],
      ["callId over-long", { callId: "c".repeat(300), arguments: {} }],
      ["lineId not a uuid", { callId: "c1", lineId: BAD_STRINGS["SQL-looking"], arguments: {} }],
      ["another family's lineId", { callId: "c1", lineId: OTHER_FAMILY, arguments: {} }],
    ],
    "/sessions/:id/transcript": [
      ["text missing", {}],
      ["text a number", { text: 42 }],
      ["text over-long", { text: "x".repeat(10_001) }],
      ["text an object", { text: { nested: true } }],
    ],
    "/sessions/:id/events": [
      ["event SQL-looking", { event: BAD_STRINGS["SQL-looking"], level: "info" }],
      ["event HTML-looking", { event: BAD_STRINGS["HTML-looking"], level: "info" }],
      ["event over-long", { event: `a${"b".repeat(60)}`, level: "info" }],
      ["level unknown", { event: "grok_failed", level: "fatal" }],
      ["data not an object", { event: "grok_failed", level: "info", data: [1, 2] }],
    ],
    "/sessions/:id/end": [
      ["endReason unknown", { ...summary, endReason: "'; drop table x; --" }],
      ["streamSeconds negative", { ...summary, streamSeconds: -1 }],
      ["streamSeconds fractional", { ...summary, streamSeconds: 1.5 }],
      ["streamSeconds huge", { ...summary, streamSeconds: 1e308 }],
      ["turns a string", { ...summary, callerTurns: "3" }],
      ["firstAudioMs missing", { ...summary, firstAudioMs: undefined }],
    ],
  };
  for (const [name, body] of bad[route.path] ?? []) add("values", name, send(body));
  if (route.path === "/sessions/:id/tools/:name") {
    // The arguments are the model's: refused as an output it reads (HTTP 200), recorded as a tool call.
    const acknowledged = { mayChange: ["ultaura_call_events"] };
    const args: [string, unknown][] = [
      ["arguments not an object", "remember this"],
      ["arguments null", null],
      ["text over-long", { text: "x".repeat(20_000), kind: "fact" }],
      ["kind unknown", { text: "Likes tea", kind: BAD_STRINGS["HTML-looking"] }],
      ["text a number", { text: 12, kind: "fact" }],
    ];
    for (const [name, value] of args)
      add("values", `tool ${name}`, send({ callId: "call_bad", arguments: value }), acknowledged);
  }
}

/**
 * Validly signed bodies that are not a usable event: refused with 400 (only someone holding the signing
 * secret can send one). An event type we do not handle is acknowledged with 200, as Stripe expects, and
 * changes nothing.
 */
function stripeValueCases(route: Route, add: Add): void {
  const now = Math.floor(Date.now() / 1000);
  const send = (body: unknown) => () => request(route, { body: JSON.stringify(body) });
  let n = 0;
  const event = (overrides: Record<string, unknown>) => ({
    id: `evt_bad_input_${++n}`,
    object: "event",
    type: "invoice.paid",
    created: now,
    data: { object: { id: "in_bad_input_1", object: "invoice" } },
    ...overrides,
  });
  add("values", "not an event", send({ hello: "world" }));
  add("values", "id SQL-looking", send(event({ id: BAD_STRINGS["SQL-looking"] })));
  add("values", "type a number", send(event({ type: 7 })));
  add("values", "created not a number", send(event({ created: "yesterday" })));
  add("values", "created huge", send(event({ created: 1e308 })));
  add("values", "data missing", send(event({ data: undefined })));
  add("values", "data.object null", send(event({ data: { object: null } })));
  add(
    "values",
    "unknown event type",
    send(event({ id: "evt_bad_input_unknown", type: "customer.tax_id.created" })),
    { mayChange: [] },
  );
}

/**
 * Whether the route reads a body: Twilio's form webhooks, the bridge's and Stripe's JSON, and the API's
 * operations whose OpenAPI entry has a request body. The scheduler's tick reads none (QStash signs an
 * empty one), and Twilio's fallback URL answers whatever reaches it with spoken words, by design: the
 * caller must hear something even if the request is garbled, so its only refusals are auth, method and
 * content type.
 */
function takesBody(route: Route): boolean {
  if (!hasBody(route.method) || route.auth === "public" || route.auth === "qstash") return false;
  if (route.auth === "jwt")
    return openApiPaths.some((p) => p.method === route.method && p.path === route.path && p.hasBody);
  return true;
}

/** Which families a route must have cases of. */
function requiredFamilies(route: Route): Family[] {
  const families: Family[] = ["method"];
  if (route.auth !== "public") families.push("auth");
  if (takesBody(route)) families.push("content-type", "body");
  if (route.path.includes(":")) families.push("ids");
  return families;
}

describe("bad input on every route", () => {
  it("covers every route of the routers and the OpenAPI document", () => {
    const routes = routesOf();
    const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const undocumented = openApiPaths.filter((p) => !keys.has(`${p.method} ${p.path}`));
    expect(undocumented).toEqual([]);
    const missing = routes.flatMap((route) => {
      const have = new Set(casesFor(route).map((c) => c.family));
      return requiredFamilies(route)
        .filter((f) => !have.has(f))
        .map((f) => `${route.method} ${route.path}: ${f}`);
    });
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it("refuses every case with a 4xx error body and changes no table", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const table: Record<string, Record<string, number>> = {};
    for (const route of routesOf()) {
      for (const c of casesFor(route)) {
        const before = await checksums();
        const response = await c.send();
        const text = await response.text();
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {}
        const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        const after = await checksums();
        const mayChange = c.acknowledged?.mayChange ?? [];
        const changed = Object.keys(after).filter((t) => after[t] !== before[t] && !mayChange.includes(t));
        const refused = c.acknowledged
          ? response.status >= 200 && response.status < 300
          : response.status >= 400 && response.status < 500;
        const reason = (body as { output?: { reason?: unknown } } | null)?.output?.reason;
        const shaped = c.acknowledged
          ? c.route.includes("/tools/")
            ? reason === "invalid_arguments"
            : true
          : typeof error?.code === "string" && typeof error?.message === "string";
        if (!refused || !shaped || changed.length > 0)
          failures.push(
            `${c.route} [${c.family}: ${c.name}] → ${response.status} ${text.slice(0, 120)}${changed.length ? ` changed: ${changed.join(",")}` : ""}`,
          );
        table[c.route] ??= {};
        (table[c.route] as Record<string, number>)[c.family] =
          ((table[c.route] as Record<string, number>)[c.family] ?? 0) + 1;
      }
    }
    console.table(table);
    expect(failures).toEqual([]);
  });
});
