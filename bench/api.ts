/**
 * `npm run bench api -- --families N`: the family API at scale. Starts the functions as `npm start`
 * serves them (functions/serve-local.ts on Deno, with the local Auth server) against DATABASE_URL — a
 * database filled by `npm run seed:scale -- --families N` — through a wire tap (bench/pg-tap.ts) that
 * times every statement. Members of random families replay the web app's request mix
 * (bench/api-load.ts) at 1, 16 and 64 concurrent clients for BENCH_SECONDS each; then per route p50/p99
 * and throughput, the database's share of the time, and `explain (analyze, buffers)` of every statement
 * slower than 5 ms with its verdict. Last line: one JSON object for the 16-client run.
 */
import postgres from "postgres";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { mintToken, rng, runClients, type Sample, sampleVisitors, seqScans } from "./api-load.ts";
import { cpuMsSince, loadAverage, ownCpuMs, processCpuMs, processesWhoseCommandHas } from "./bridge-cpu.ts";
import { startFunctions } from "./functions-process.ts";
import { startTap, type TappedStatement } from "./pg-tap.ts";
import { migrateScaleDatabase } from "./scale-database.ts";
import { percentile } from "./stats.ts";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (argv[index + 1] ?? fallback);
};
const families = Number(option("families", "1000"));
const seconds = Number(process.env.BENCH_SECONDS ?? option("seconds", "15"));
const levels = (process.env.BENCH_CONCURRENCY ?? option("concurrency", "1,16,64")).split(",").map(Number);
const slowMs = 5;
const root = new URL("..", import.meta.url).pathname;
const env = loadLocalEnv(root, {});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log("skipped: set DATABASE_URL to a database filled by `npm run seed:scale -- --families N`");
  process.exit(0);
}

/** Writes are explained inside a transaction that is always rolled back. */
class Rollback extends Error {
  constructor(readonly plan: string) {
    super("rollback");
  }
}

await migrateScaleDatabase(databaseUrl);
const statements: (TappedStatement & { level: number })[] = [];
let level = 0;
const target = new URL(databaseUrl);
const tap = await startTap({ host: target.hostname, port: Number(target.port || 5432) }, (s) =>
  statements.push({ ...s, level }),
);
const tapped = new URL(databaseUrl);
tapped.hostname = "127.0.0.1";
tapped.port = String(tap.port);

// A direct connection to PostgreSQL keeps prepared statements (Supabase's transaction pooler would not:
// DATABASE_PREPARE=false measures that case); one process serves every client, so it gets a larger pool.
const connection = {
  DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "16",
  DATABASE_PREPARE: process.env.DATABASE_PREPARE ?? "true",
};
const functions = await startFunctions(root, { ...env, ...connection }, tapped.toString());
const { port } = functions;
const functionsUrl = functions.url;
/** PostgreSQL names each backend "postgres: <user> <database> <client>": this database's, on this machine. */
const postgresCommand = `postgres: ${decodeURIComponent(target.username)} ${target.pathname.slice(1)} `;
const sql = postgres(databaseUrl, { max: 2, prepare: false, onnotice: () => {} });

try {
  const [{ count }] = (await sql`
    select count(*)::int as count from public.ultaura_accounts where name like 'Scale family %'`) as [
    { count: number },
  ];
  if (count < families) throw new Error(`the database holds ${count} scale families, fewer than ${families}`);

  const random = rng(Number(option("seed", "26")));
  const visitors = await sampleVisitors(sql, { families, count: 500, random });
  const secret = env.SUPABASE_JWT_SECRET as string;
  const issuer = `http://127.0.0.1:${port}/auth/v1`;
  const tokens = await Promise.all(
    visitors.map(async (visitor) => ({ visitor, token: await mintToken(secret, visitor, issuer) })),
  );
  const signIn = await timedSignIn(issuer, visitors[0]?.email ?? "", env);
  console.log(
    `families: ${count} in the database, ${visitors.length} sampled; tokens minted with SUPABASE_JWT_SECRET ` +
      `(one real password sign-in as a check: ${signIn})`,
  );
  console.log(`each level runs ${seconds} s after a 3 s warm-up; one request in flight per client`);
  console.log(
    `the functions' database connection: DATABASE_POOL_MAX=${connection.DATABASE_POOL_MAX}, ` +
      `DATABASE_PREPARE=${connection.DATABASE_PREPARE}`,
  );

  const results: { level: number; samples: Sample[]; seconds: number; dbMs: number }[] = [];
  for (const concurrency of levels) {
    level = -1; // warm-up statements are not counted
    const warmEnd = performance.now() + 3000;
    await runClients({
      baseUrl: `${functionsUrl}/api`,
      visitors: tokens,
      concurrency,
      random,
      until: () => performance.now() > warmEnd,
    });
    level = concurrency;
    const started = performance.now();
    const cpuBefore = {
      functions: processCpuMs(functions.pid),
      bench: ownCpuMs(),
      postgres: processesWhoseCommandHas(postgresCommand),
    };
    const end = started + seconds * 1000;
    const samples = await runClients({
      baseUrl: `${functionsUrl}/api`,
      visitors: tokens,
      concurrency,
      random,
      until: () => performance.now() > end,
    });
    const elapsed = (performance.now() - started) / 1000;
    const cpu = {
      functions: (processCpuMs(functions.pid) - cpuBefore.functions) / 10 / elapsed,
      bench: (ownCpuMs() - cpuBefore.bench) / 10 / elapsed,
      postgres: cpuMsSince(postgresCommand, cpuBefore.postgres) / 10 / elapsed,
    };
    const dbMs = statements.filter((s) => s.level === concurrency).reduce((sum, s) => sum + s.ms, 0);
    results.push({ level: concurrency, samples, seconds: elapsed, dbMs });
    printLevel(concurrency, samples, elapsed, dbMs);
    console.log(
      `CPU: functions (Deno) ${Math.round(cpu.functions)} % of a core, this bench (clients and tap) ` +
        `${Math.round(cpu.bench)} %, PostgreSQL's backends for this database ${Math.round(cpu.postgres)} %; ` +
        `load average ${loadAverage()}`,
    );
  }

  await explainSlow(
    sql,
    statements.filter((s) => s.level === (levels[0] ?? 1)),
  );

  const main = results.find((r) => r.level === 16) ?? results[0];
  if (!main) throw new Error("no level ran");
  const all = main.samples.map((s) => s.ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: "api",
      families: count,
      concurrency: main.level,
      rps: Math.round(main.samples.length / main.seconds),
      p50Ms: round(percentile(all, 50)),
      p99Ms: round(percentile(all, 99)),
      errors: main.samples.filter((s) => !s.ok).length,
    }),
  );
} finally {
  functions.stop();
  await sql.end({ timeout: 5 });
  await tap.close();
}

function round(ms: number) {
  return Math.round(ms * 10) / 10;
}

function printLevel(concurrency: number, samples: Sample[], elapsed: number, dbMs: number) {
  const byRoute = new Map<string, Sample[]>();
  for (const s of samples) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  const requestMs = samples.reduce((sum, s) => sum + s.ms, 0);
  console.log(
    `\n-- ${concurrency} client(s): ${samples.length} requests in ${elapsed.toFixed(1)} s = ` +
      `${Math.round(samples.length / elapsed)} req/s, errors ${samples.filter((s) => !s.ok).length}; ` +
      `database ${Math.round((100 * dbMs) / Math.max(requestMs, 1))} % of request time ` +
      `(statement round trips as the tap saw them)`,
  );
  const failures = new Map<string, number>();
  for (const s of samples.filter((x) => !x.ok))
    failures.set(`${s.route} → ${s.status}`, (failures.get(`${s.route} → ${s.status}`) ?? 0) + 1);
  if (failures.size > 0) console.log(`errors: ${[...failures].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  console.log(
    `${"route".padEnd(28)} ${"count".padStart(6)} ${"req/s".padStart(6)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`,
  );
  for (const [route, list] of [...byRoute].sort()) {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    console.log(
      `${route.padEnd(28)} ${String(list.length).padStart(6)} ${(list.length / elapsed).toFixed(1).padStart(6)} ` +
        `${round(percentile(sorted, 50)).toFixed(1).padStart(8)} ${round(percentile(sorted, 99)).toFixed(1).padStart(8)}`,
    );
  }
  const byText = new Map<string, number[]>();
  for (const s of statements.filter((x) => x.level === concurrency))
    byText.set(oneLine(s.text), [...(byText.get(oneLine(s.text)) ?? []), s.ms]);
  const top = [...byText]
    .map(([text, ms]) => ({
      text,
      count: ms.length,
      total: ms.reduce((a, b) => a + b, 0),
      sorted: ms.sort((a, b) => a - b),
    }))
    .sort((a, b) => b.total - a.total)
    .slice(0, 8);
  console.log("statements by total time (count, p50/p99 ms, share of database time):");
  for (const t of top)
    console.log(
      `  ${String(t.count).padStart(6)} ${round(percentile(t.sorted, 50)).toFixed(1).padStart(6)}/` +
        `${round(percentile(t.sorted, 99)).toFixed(1).padEnd(6)} ${Math.round(
          (100 * t.total) / Math.max(dbMs, 1),
        )
          .toString()
          .padStart(3)} %  ${t.text.slice(0, 110)}`,
    );
}

function oneLine(text: string) {
  return text.replace(/\s+/g, " ").trim();
}

/** Every distinct statement that took over 5 ms once with one client, explained with its slowest parameters. */
async function explainSlow(db: postgres.Sql, run: TappedStatement[]) {
  const slowest = new Map<string, TappedStatement>();
  for (const s of run) {
    if (s.ms <= slowMs || !/^\s*(select|with|update|delete|insert)/i.test(s.text)) continue;
    const key = oneLine(s.text);
    if ((slowest.get(key)?.ms ?? 0) < s.ms) slowest.set(key, s);
  }
  console.log(`\n-- statements over ${slowMs} ms with one client: ${slowest.size}`);
  for (const s of slowest.values()) {
    const plan = await db
      .begin(async (tx) => {
        if (s.claims) {
          await tx`select set_config('request.jwt.claims', ${s.claims}, true)`;
          await tx`set local role authenticated`;
        }
        const rows = await tx.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as string[]);
        throw new Rollback(rows.map((r) => r["QUERY PLAN"]).join("\n"));
      })
      .catch((e: unknown) => (e instanceof Rollback ? e.plan : `explain failed: ${String(e)}`));
    const scans = seqScans(plan).filter((rel) => rel !== "ultaura_plans");
    console.log(
      `\n${round(s.ms)} ms  verdict: ${scans.length ? `SCAN (${scans.join(", ")})` : "index"}\n  ${oneLine(s.text).slice(0, 300)}\n${plan}`,
    );
  }
}

async function timedSignIn(issuer: string, email: string, localEnv: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(`${issuer}/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: localEnv.SUPABASE_ANON_KEY ?? "", "content-type": "application/json" },
    body: JSON.stringify({ email, password: localEnv.SEED_USER_PASSWORD }),
  });
  await response.text();
  return `${response.status} in ${Math.round(performance.now() - started)} ms`;
}
