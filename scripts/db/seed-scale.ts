import postgres from "postgres";
import { hashPassword } from "../../functions/_local/auth/password.ts";
import type { Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";
import { dropBulkIndexes } from "./seed-scale-indexes.ts";
import { writeAccountKeys, writeMemories } from "./seed-scale-memories.ts";
import {
  CALLS_TABLE,
  familyRows,
  familyTables,
  helpers,
  history,
  SCALE_ACCOUNT_PREFIX,
} from "./seed-scale-sql.ts";

/**
 * The scale seed: N families shaped like real ones, a year of history each, written by set-based SQL
 * (`insert … select generate_series`, scripts/db/seed-scale-sql.ts) in chunks of families on `jobs`
 * connections at once, with the bulk tables' indexes and keys built once at the end
 * (seed-scale-indexes.ts) and the memories encrypted in bulk and copied in (seed-scale-memories.ts).
 * Deterministic from the seed number.
 *
 * The bulk tables are written with `session_replication_role = replica` (the seeding connection must be
 * a superuser): their triggers only keep live-traffic bookkeeping (notices, settle, touch) and the rows
 * written here are consistent by construction; the foreign keys are checked when they are added back.
 * Accounts, lines and schedules keep their triggers. A seed that fails midway may leave the bulk tables
 * without some of their indexes: seed a fresh database again.
 */
export interface ScaleSeedOptions {
  families: number;
  seed: number;
  keyring: Keyring;
  /** Password every seeded member signs in with (hashed once; every user shares the hash). */
  password: string;
  /** Families per chunk of the bulk statements (one transaction each). */
  chunk?: number;
  /** Connections writing chunks and building indexes at once. */
  jobs?: number;
  log?: (line: string) => void;
}

/** The e-mail of member `member` (1-based) of family `family` of seed `seed`. */
export function scaleEmail(seed: number, family: number, member: number): string {
  return `scale-${seed}-${family}-${member}@ultaura.local`;
}

/** Largest first, so the index builds that take longest start first. */
const BULK_TABLES = [
  "ultaura_call_events",
  "ultaura_call_sessions",
  "ultaura_schedule_runs",
  "ultaura_minute_ledger",
  "ultaura_memories",
  "ultaura_safety_events",
];

async function isEmbedded(databaseUrl: string): Promise<boolean> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ version: string }[]>`select version()`;
    return /PGlite/.test(row?.version ?? "");
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function seedScale(databaseUrl: string, options: ScaleSeedOptions): Promise<void> {
  const { families, seed, keyring } = options;
  const chunk = options.chunk ?? 250;
  const jobs = options.jobs ?? 2;
  const log = options.log ?? (() => {});
  for (const [name, value] of [
    ["families", families],
    ["chunk", chunk],
    ["jobs", jobs],
  ] as const)
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a non-negative integer");
  // The embedded database (PGlite behind pglite-socket) is one session shared by every connection:
  // transactions on two connections would interleave in it, so it is filled on one.
  const embedded = await isEmbedded(databaseUrl);
  const connections = Array.from({ length: embedded ? 1 : jobs }, () =>
    postgres(databaseUrl, {
      max: 1,
      prepare: false,
      onnotice: () => {},
      connect_timeout: 10,
      // Temp buffers must be sized before a session's first temp table: the chunk's calls live in one.
      connection: { synchronous_commit: "off", temp_buffers: "256MB", maintenance_work_mem: "512MB" },
    }),
  );
  const main = connections[0] as postgres.Sql;
  const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  try {
    const [existing] =
      await main`select 1 from public.ultaura_accounts where name like ${`${SCALE_ACCOUNT_PREFIX}%`} limit 1`;
    if (existing) throw new Error("this database already holds a scale seed: seed a fresh database");
    const started = performance.now();
    for (const sql of connections) {
      await sql.unsafe(helpers(seed));
      for (const statement of familyTables(families)) await sql.unsafe(statement);
    }
    for (const statement of familyRows(seed, await hashPassword(options.password)))
      await main.unsafe(statement);
    const keys = await writeAccountKeys(main, keyring, seed);
    log(`families, members, lines, schedules and data keys: ${seconds(started)}`);

    const dropped = await dropBulkIndexes(main, BULK_TABLES);
    const chunks = Array.from({ length: Math.ceil(families / chunk) }, (_, i) => i * chunk + 1);
    try {
      await inParallel(connections, chunks, async (sql, lo) => {
        const hi = Math.min(families, lo + chunk - 1);
        const t = performance.now();
        const memories = await sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx.unsafe(CALLS_TABLE);
          for (const statement of history(lo, hi)) await tx.unsafe(statement);
          return writeMemories(tx, keys, seed);
        });
        log(`families ${lo}–${hi}: a year of history (${memories} memories) in ${seconds(t)}`);
      });
    } finally {
      const t = performance.now();
      await inParallel(connections, dropped.tables, async (sql, statements) => {
        for (const statement of statements) await sql.unsafe(statement);
      });
      for (const statement of dropped.foreignKeys) await main.unsafe(statement);
      await inParallel(connections, dropped.validations, (sql, statement) => sql.unsafe(statement));
      log(`keys, indexes and foreign keys of the history rebuilt in ${seconds(t)}`);
    }
    const t = performance.now();
    // Visibility maps for index-only scans and fresh statistics, as a live database's autovacuum keeps them.
    await inParallel(connections, BULK_TABLES, (sql, table) =>
      sql.unsafe(`vacuum (analyze) public.${table}`),
    );
    await main`analyze`;
    log(`vacuumed and analysed in ${seconds(t)}`);
    log(`scale seed of ${families} families done in ${seconds(started)}`);
  } finally {
    await Promise.all(connections.map((sql) => sql.end({ timeout: 5 })));
  }
}

/** Each connection takes the next item until none is left. */
async function inParallel<T>(
  connections: postgres.Sql[],
  items: readonly T[],
  work: (sql: postgres.Sql, item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    connections.map(async (sql) => {
      while (next < items.length) await work(sql, items[next++] as T);
    }),
  );
}
