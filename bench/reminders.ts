/**
 * Reminders at scale (issue 24): 10,000 due reminders on 10,000 lines, claimed by two concurrent claimers
 * as the tick claims them — the reminders (SKIP LOCKED, one occurrence each, next_due_at advanced), then
 * their occurrences (SKIP LOCKED, the companion-call check per line) — timed on their own; then handed to
 * the whole dialler, with Twilio's REST API replaced at the adapter boundary by a recorder. Database: a scratch database on the PostgreSQL server at
 * BENCH_DATABASE_URL / TEST_DATABASE_URL, dropped afterwards. Target: all 10,000 claimed in under 5 s.
 */
import postgres from "postgres";
import { dialMany } from "../functions/_shared/domain/dialling/dial.ts";
import { keyringFromEnv } from "../functions/_shared/platform/crypto/keyring.ts";
import { createDatabase } from "../functions/_shared/platform/db.ts";
import type { CreateCallParams } from "../functions/_shared/platform/twilio-rest.ts";
import {
  type ClaimedOccurrence,
  claimDueOccurrences,
  claimDueReminders,
} from "../functions/scheduler/reminders.ts";
import { applyMigrations } from "../scripts/db/migrate.ts";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { insertDueLines } from "../tests/support/schedules.ts";
import { summarize } from "./stats.ts";

const total = Number(process.env.BENCH_REMINDERS ?? 10_000);
const ticks = Number(process.env.BENCH_TICKS ?? 2);
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const root = new URL("..", import.meta.url).pathname;
const env = loadLocalEnv(root, {});
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error("set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server");

const name = `ultaura_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();

try {
  const db = createDatabase(databaseUrl, { max: 10 });
  await applyMigrations(databaseUrl, { seed: true, keyring: await keyringFromEnv(env) });
  // The lines' companion calls are a day away, so every reminder is dialled on its own.
  const lines = await insertDueLines(db.sql, {
    count: total,
    dueAt: new Date(Date.now() + 86_400_000),
    batch: 8,
  });
  await db.sql`
    insert into public.ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone)
    select l.account_id, l.id, 'Take the evening pills', 'medication', '{0,1,2,3,4,5,6}', '{08:00,20:00}', l.timezone
    from public.ultaura_lines l where l.id = any(${lines})`;
  await db.sql`update public.ultaura_reminders set next_due_at = now() - interval '1 minute'`;
  await db.sql`analyze`;

  const recorded: CreateCallParams[] = [];
  const dialDeps = {
    db,
    twilio: {
      createCall: async (params: CreateCallParams) => {
        recorded.push(params);
        return {
          sid: `CA${recorded.length.toString(16).padStart(32, "0")}`,
          status: "queued",
          to: params.to,
          from: params.from,
        };
      },
    },
    fromNumber: env.TWILIO_PHONE_NUMBER ?? "+15555550199",
    callingHours: { start: "00:00", end: "00:00" },
    functionsPublicUrl: "http://127.0.0.1:54321/functions/v1",
  };
  // 1. The claims alone, as two overlapping ticks make them: due reminders into occurrences, then the
  //    occurrences for dialling (with the companion-call check per line).
  const claims = { reminders: [] as number[], occurrences: [] as number[] };
  const timed = async <T>(kind: keyof typeof claims, claim: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    const result = await claim();
    claims[kind].push(performance.now() - at);
    return result;
  };
  const claimedForDialling: ClaimedOccurrence[] = [];
  let remindersClaimed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: ticks }, async () => {
      for (;;) {
        const n = await timed("reminders", () => claimDueReminders(db, new Date(), batchSize));
        remindersClaimed += n;
        if (n < batchSize) break;
      }
      for (;;) {
        const rows = await timed("occurrences", () => claimDueOccurrences(db, new Date(), batchSize));
        claimedForDialling.push(...rows);
        if (rows.length < batchSize) break;
      }
    }),
  );
  const claimSeconds = (performance.now() - started) / 1000;

  // 2. The dialler over what was claimed (line checks, sessions linked to their occurrences, CallSids).
  const dialStarted = performance.now();
  const outcomes = [];
  for (let i = 0; i < claimedForDialling.length; i += batchSize) {
    const batch = claimedForDialling.slice(i, i + batchSize);
    outcomes.push(
      ...(await dialMany(
        dialDeps,
        batch.map((o) => ({ lineId: o.lineId, accountId: o.accountId, reminderOccurrenceId: o.id })),
      )),
    );
  }
  const dialSeconds = (performance.now() - dialStarted) / 1000;
  const placed = outcomes.filter((o) => o.kind === "placed").length;
  const [states] = await db.sql<{ calling: number; occurrences: number }[]>`
    select count(*) filter (where state = 'calling')::int as calling, count(*)::int as occurrences
    from public.ultaura_reminder_occurrences`;
  console.log("database: PostgreSQL (scratch database)");
  console.log(`due reminders: ${total}, concurrent ticks: ${ticks}, batch ${batchSize}`);
  console.log(
    `reminders claimed: ${remindersClaimed}, occurrences written: ${states?.occurrences}, claimed for dialling: ${claimedForDialling.length} (${new Set(claimedForDialling.map((o) => o.id)).size} distinct)`,
  );
  console.log(`claimed: ${total} due reminders in ${claimSeconds.toFixed(2)} s (target: < 5 s)`);
  console.log(
    `dialler over them: ${dialSeconds.toFixed(2)} s, ${placed} placed, ${new Set(recorded.map((c) => c.to)).size} distinct numbers`,
  );
  console.log(`reminder claims: ${JSON.stringify(summarize(claims.reminders))} ms`);
  console.log(`occurrence claims: ${JSON.stringify(summarize(claims.occurrences))} ms`);
  await db.close();
  if (claimedForDialling.length !== total || placed !== total || states?.calling !== total) {
    console.error("FAILED: not every reminder was claimed and dialled exactly once");
    process.exitCode = 1;
  }
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
