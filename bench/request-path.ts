/**
 * `npm run bench request-path`: what every family API request pays before its own queries, piece by piece
 * and in-process (no HTTP, so the pieces are not lost in the server's noise): the JWT check, a database
 * round trip, the caller's transaction with nothing in it (begin, claims and role, commit), and a whole
 * cheap route (GET /api/me) through the app, one at a time and at 16 at once. Once on PostgreSQL (a
 * scratch database on BENCH_DATABASE_URL / TEST_DATABASE_URL) and once on the embedded PGlite `npm start`
 * runs when no DATABASE_URL is set — to say which local piece bounds a figure. Cheap to repeat (~1 min);
 * BENCH_DATABASES=postgres (or pglite) runs one of them, BENCH_REQUESTS sets the rounds (400).
 */
import postgres from "postgres";
import { createJwtVerifier } from "../functions/_shared/platform/auth/verify-jwt.ts";
import { keyringFromEnv } from "../functions/_shared/platform/crypto/keyring.ts";
import { createDatabase, type Database } from "../functions/_shared/platform/db.ts";
import { createLogger } from "../functions/_shared/platform/log.ts";
import { createApiApp } from "../functions/api/app.ts";
import { applyMigrations } from "../scripts/db/migrate.ts";
import { startPgliteServer } from "../scripts/db/pglite-server.ts";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { SEED } from "../supabase/seed-ids.ts";
import { mintToken } from "./api-load.ts";
import { percentile } from "./stats.ts";

const root = new URL("..", import.meta.url).pathname;
const env = loadLocalEnv(root, {});
const rounds = Number(process.env.BENCH_REQUESTS ?? 400);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const databases = (process.env.BENCH_DATABASES ?? "postgres,pglite").split(",");
const user = {
  userId: SEED.users.demo.id,
  email: SEED.users.demo.email,
  accountId: SEED.accounts.demo,
  lines: [],
};
const token = await mintToken(env.SUPABASE_JWT_SECRET as string, user, "bench");

const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms`;
};
async function timed(n: number, run: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

async function measure(label: string, databaseUrl: string) {
  await applyMigrations(databaseUrl, { seed: true, keyring: await keyringFromEnv(env) });
  const db: Database = createDatabase(databaseUrl, { max: 5 });
  const app = createApiApp({
    db,
    log: createLogger({ fn: "bench" }, "error"),
    env: { ...env, DATABASE_URL: databaseUrl },
  });
  const me = async () => {
    const response = await app.request("/api/me", { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET /api/me answered ${response.status}`);
    await response.arrayBuffer();
  };
  const claims = { sub: user.userId, role: "authenticated" as const, email: user.email };
  try {
    await timed(50, me); // warm-up: connections, JIT
    console.log(`\n-- ${label}`);
    console.log(`round trip (select 1):               ${ms(await timed(rounds, () => db.sql`select 1`))}`);
    console.log(
      `caller's transaction, empty:         ${ms(await timed(rounds, () => db.asUser(claims, async () => {})))}`,
    );
    console.log(
      `caller's transaction + one query:    ${ms(await timed(rounds, () => db.asUser(claims, (tx) => tx`select 1`)))}`,
    );
    console.log(`GET /api/me, one at a time:          ${ms(await timed(rounds, me))}`);
    const samples: number[] = [];
    const end = performance.now() + 3000;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (performance.now() < end) samples.push(...(await timed(1, me)));
      }),
    );
    console.log(
      `GET /api/me, 16 at once for 3 s:     ${Math.round(samples.length / 3)} req/s, ${ms(samples)}`,
    );
  } finally {
    await db.close();
  }
}

const verifyJwt = createJwtVerifier({ secret: env.SUPABASE_JWT_SECRET as string });
const fresh = await Promise.all(
  Array.from({ length: rounds }, () => mintToken(env.SUPABASE_JWT_SECRET as string, user, "bench")),
);
console.log(
  `JWT check, a token not seen before:  ${ms(await timed(rounds, () => verifyJwt(fresh.pop() as string)))}`,
);
console.log(`JWT check, the same token again:     ${ms(await timed(rounds, () => verifyJwt(token)))}`);

if (serverUrl && databases.includes("postgres")) {
  const name = `ultaura_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await measure("PostgreSQL 15 (scratch database)", url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
if (databases.includes("pglite")) {
  const pglite = await startPgliteServer({ port: 0 });
  try {
    await measure("PGlite (npm start without DATABASE_URL)", pglite.url);
  } finally {
    await pglite.stop();
  }
}
