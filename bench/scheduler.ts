/**
 * The scheduler's claim-and-dispatch path over 10,000 due schedules: claim (SKIP LOCKED, runs written,
 * next_run_at advanced), claim runs, and the whole dialler (line checks, session, CallSid stored) with
 * Twilio's REST API replaced at the adapter boundary by a recorder. Database: a scratch database on the
 * PostgreSQL server at BENCH_DATABASE_URL / TEST_DATABASE_URL (e.g. the local PG15), dropped afterwards;
 * without one, embedded PGlite (serialised: a floor, not the ceiling). Target: all 10,000 handed to the
 * dialler in under 5 s on this 2-core machine.
 *
 * `--families N` runs it on a scale seed instead (`npm run seed:scale`, DATABASE_URL): the first schedule
 * of the first line of each of the first N families is made due, so the claim and the dialler's checks
 * (minutes used this cycle, quiet hours, opt-outs) read among a year of history. The runs and call
 * sessions the bench created are deleted afterwards; refusals (e.g. quiet hours in the line's zone) count
 * as handed to the dialler and are listed.
 */
import postgres from "postgres";
import { spendingCapReached } from "../functions/_shared/domain/calls/inbound.ts";
import { dialMany } from "../functions/_shared/domain/dialling/dial.ts";
import { keyringFromEnv } from "../functions/_shared/platform/crypto/keyring.ts";
import { createDatabase } from "../functions/_shared/platform/db.ts";
import { createLogger } from "../functions/_shared/platform/log.ts";
import type { CreateCallParams } from "../functions/_shared/platform/twilio-rest.ts";
import { runTick } from "../functions/scheduler/tick.ts";
import { applyMigrations } from "../scripts/db/migrate.ts";
import { startPgliteServer } from "../scripts/db/pglite-server.ts";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { insertDueLines } from "../tests/support/schedules.ts";
import { migrateScaleDatabase } from "./scale-database.ts";
import { summarize } from "./stats.ts";

const familiesIndex = process.argv.indexOf("--families");
const scaleFamilies = familiesIndex === -1 ? null : Number(process.argv[familiesIndex + 1]);
const total = scaleFamilies ?? Number(process.env.BENCH_SCHEDULES ?? 10_000);
const ticks = Number(process.env.BENCH_TICKS ?? 2);
// Twilio's CPS is the production limit (TWILIO_MAX_CPS); here the bucket is set high so the claim and
// dispatch path, not the pacing, is what is measured.
const cps = Number(process.env.BENCH_CPS ?? 100_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const root = new URL("..", import.meta.url).pathname;
const env = loadLocalEnv(root, {});
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

let databaseUrl: string;
let cleanup: () => Promise<void>;
const benchStarted = new Date();
if (scaleFamilies !== null) {
  if (!process.env.DATABASE_URL) throw new Error("--families needs DATABASE_URL naming a scale seed");
  databaseUrl = process.env.DATABASE_URL;
  await migrateScaleDatabase(databaseUrl);
  cleanup = () => removeBenchRows(databaseUrl, benchStarted);
} else if (serverUrl) {
  const name = `ultaura_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  const pglite = await startPgliteServer({ port: 0 });
  databaseUrl = pglite.url;
  cleanup = () => pglite.stop();
}

try {
  const db = createDatabase(databaseUrl, { max: 10 });
  const dueAt = new Date(Date.now() - 60_000);
  if (scaleFamilies !== null) await makeScaleSchedulesDue(db.sql, scaleFamilies, dueAt);
  else {
    await applyMigrations(databaseUrl, { seed: true, keyring: await keyringFromEnv(env) });
    await insertDueLines(db.sql, { count: total, dueAt, batch: 9 });
  }

  const recorded: CreateCallParams[] = [];
  let sid = 0;
  const dialDeps = {
    db,
    twilio: {
      createCall: async (params: CreateCallParams) => {
        recorded.push(params);
        sid++;
        return {
          sid: `CA${sid.toString(16).padStart(32, "0")}`,
          status: "queued",
          to: params.to,
          from: params.from,
        };
      },
    },
    fromNumber: env.TWILIO_PHONE_NUMBER ?? "+15555550199",
    // No floor: the bench's schedules fall due at whatever hour it runs.
    callingHours: { start: "00:00", end: "00:00" },
    functionsPublicUrl: "http://127.0.0.1:54321/functions/v1",
    overageCapReached: spendingCapReached,
  };
  const claims = {
    schedules: [] as number[],
    runs: [] as number[],
    reminders: [] as number[],
    occurrences: [] as number[],
  };
  const started = performance.now();
  const reports = await Promise.all(
    Array.from({ length: ticks }, () =>
      runTick({
        db,
        dial: (requests) => dialMany(dialDeps, requests),
        log: createLogger({ fn: "bench" }, "warn"),
        maxCallsPerSecond: cps,
        budgetMs: 120_000,
        batchSize,
        observeClaim: (kind, ms) => claims[kind].push(ms),
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const distinct = new Set(recorded.map((c) => c.to)).size;
  const placed = reports.reduce((sum, r) => sum + (r.outcomes.placed ?? 0), 0);
  const outcomes: Record<string, number> = {};
  for (const report of reports)
    for (const [kind, n] of Object.entries(report.outcomes))
      outcomes[kind] = (outcomes[kind] ?? 0) + (n ?? 0);
  const handed = Object.values(outcomes).reduce((sum, n) => sum + n, 0);

  console.log(
    `database: ${scaleFamilies !== null ? `PostgreSQL, scale seed (${scaleFamilies} families due)` : serverUrl ? "PostgreSQL (scratch database)" : "embedded PGlite"}`,
  );
  console.log(`due schedules: ${total}, concurrent ticks: ${ticks}, pacing bucket: ${cps} calls/s`);
  console.log(`claimed and dialled: ${placed} (${distinct} distinct numbers, ${recorded.length} createCall)`);
  console.log(`handed to the dialler: ${handed}, outcomes ${JSON.stringify(outcomes)}`);
  console.log(`total: ${seconds.toFixed(2)} s → ${Math.round(total / seconds)} schedules/s (target: < 5 s)`);
  console.log(`schedule claims (batch ${batchSize}): ${JSON.stringify(summarize(claims.schedules))} ms`);
  console.log(`run claims: ${JSON.stringify(summarize(claims.runs))} ms`);
  await db.close();
  const complete =
    scaleFamilies !== null ? handed === total && distinct === placed : placed === total && distinct === total;
  if (!complete) {
    console.error("FAILED: not every schedule was dialled exactly once");
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}

/** The first schedule of each scale family's first line, due now and enabled. */
async function makeScaleSchedulesDue(sql: postgres.Sql, families: number, dueAt: Date) {
  const [{ due }] = (await sql`
    with chosen as (
      select distinct on (l.account_id) s.id
      from public.ultaura_accounts a
      join public.ultaura_lines l on l.account_id = a.id
      join public.ultaura_schedules s on s.line_id = l.id
      where a.name like 'Scale family %'
        and substr(a.name, 14)::int <= ${families}
      order by l.account_id, l.created_at, l.id, s.created_at, s.id
    )
    update public.ultaura_schedules s set next_run_at = ${dueAt}, enabled = true, claimed_at = null, retry_count = 0
    from chosen where s.id = chosen.id
    returning 1`.then((rows) => [{ due: rows.length }])) as [{ due: number }];
  if (due !== families) throw new Error(`only ${due} scale families found; seed ${families} first`);
}

/** What the bench added to a scale seed: its runs and the sessions it placed. */
async function removeBenchRows(url: string, since: Date) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`delete from public.ultaura_schedule_runs where created_at >= ${since}`;
    await sql`delete from public.ultaura_call_sessions where created_at >= ${since}`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
