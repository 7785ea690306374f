/**
 * The inbound voice webhook under load: signed requests (the `twilio` package's signing) over real HTTP
 * to functions/twilio, each creating a call session for the seeded line. Database: DATABASE_URL when set
 * (a PostgreSQL server gives production-like numbers), otherwise embedded PGlite, which serialises
 * transactions and so measures the floor, not the ceiling. The Worker's warm-up call is answered
 * in-process (outside what is measured).
 */
import { serve } from "@hono/node-server";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { keyringFromEnv } from "../functions/_shared/platform/crypto/keyring.ts";
import { createDatabase } from "../functions/_shared/platform/db.ts";
import { createLogger } from "../functions/_shared/platform/log.ts";
import { createTwilioApp } from "../functions/twilio/app.ts";
import { applyMigrations } from "../scripts/db/migrate.ts";
import { startPgliteServer } from "../scripts/db/pglite-server.ts";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { freePort } from "../scripts/stack/free-port.ts";
import { runConcurrent, summarize } from "./stats.ts";

const total = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const root = new URL("..", import.meta.url).pathname;
const pglite = process.env.DATABASE_URL ? null : await startPgliteServer({ port: 0 });
const databaseUrl = process.env.DATABASE_URL ?? (pglite?.url as string);
const port = await freePort();
const env: Record<string, string> = {
  ...loadLocalEnv(root, {}),
  FUNCTIONS_PUBLIC_URL: `http://127.0.0.1:${port}/functions/v1`,
  LOG_LEVEL: "warn",
};
await applyMigrations(databaseUrl, { seed: true, keyring: await keyringFromEnv(env) });

const db = createDatabase(databaseUrl, { max: 10 });
const app = createTwilioApp(
  { db, log: createLogger({ fn: "twilio" }, "warn"), env },
  { fetch: (async () => new Response(null, { status: 202 })) as typeof fetch },
);
const server = serve({
  port,
  hostname: "127.0.0.1",
  fetch: (request) => {
    const url = new URL(request.url);
    url.pathname = url.pathname.replace(/^\/functions\/v1/, "");
    return app.fetch(new Request(url, request));
  },
});

const url = `${env.FUNCTIONS_PUBLIC_URL}/twilio/voice/inbound`;
const authToken = env.TWILIO_AUTH_TOKEN as string;
const runId = Date.now().toString(16).padStart(12, "0").slice(-12);
let failures = 0;

const request = async (index: number) => {
  const params = {
    CallSid: `CA${runId}${index.toString(16).padStart(20, "0")}`,
    AccountSid: env.TWILIO_ACCOUNT_SID as string,
    From: "+15555550100",
    To: env.TWILIO_PHONE_NUMBER as string,
    CallStatus: "ringing",
    Direction: "inbound",
  };
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": getExpectedTwilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params),
  });
  const body = await response.text();
  if (response.status !== 200 || !body.includes("<Stream")) failures++;
};

await runConcurrent(Math.min(100, total), concurrency, (i) => request(total + i));
const { latencies, seconds } = await runConcurrent(total, concurrency, request);
const stats = summarize(latencies);
console.log(
  JSON.stringify(
    {
      bench: "twilio inbound webhook",
      database: pglite ? "PGlite (embedded)" : "PostgreSQL (DATABASE_URL)",
      requests: total,
      concurrency,
      failures,
      latencyMs: stats,
      requestsPerSecond: Math.round(total / seconds),
    },
    null,
    2,
  ),
);

server.close();
await db.close();
await pglite?.stop();
