import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { type Keyring, keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import { seedMemories } from "./seed-memories.ts";

const SUPABASE_DIR = fileURLToPath(new URL("../../supabase/", import.meta.url));
const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any constant: serialises concurrent migrators (npm start and a test run) on the same database.
const MIGRATION_LOCK = 748_230_115;

export interface MigrateOptions {
  /** Also run supabase/seed.sql and seed the encrypted memories (local and test databases only). */
  seed?: boolean;
  log?: (line: string) => void;
  /** KEK for the seeded memories; read from MEMORY_KEK / MEMORY_KEK_VERSION when absent. */
  keyring?: Keyring;
}

/**
 * Brings a database to the current schema: the local bootstrap (only where Supabase's `auth` schema is
 * absent), then each migration not yet recorded in supabase_migrations.schema_migrations, in order, each
 * in its own transaction; then, if asked, the seed. Safe to run again.
 */
export async function applyMigrations(
  databaseUrl: string,
  opts: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {}, connect_timeout: 10 });
  const applied: string[] = [];
  try {
    await bootstrapIfLocal(sql, log);
    await sql.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );`);
    for (const file of await migrationFiles()) {
      const version = file.slice(0, 4);
      const text = await readSupabaseFile(`migrations/${file}`);
      const ran = await sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
        const [done] =
          await tx`select 1 from supabase_migrations.schema_migrations where version = ${version}`;
        if (done) return false;
        await tx.unsafe(text);
        await tx`insert into supabase_migrations.schema_migrations (version, name) values (${version}, ${file})`;
        return true;
      });
      if (ran) {
        applied.push(file);
        log(`applied ${file}`);
      }
    }
    if (opts.seed) {
      const seed = await readSupabaseFile("seed.sql");
      await sql.begin((tx) => tx.unsafe(seed));
      log("seeded supabase/seed.sql");
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  if (opts.seed) {
    const keyring = opts.keyring ?? (await keyringFromEnv(process.env));
    const created = await seedMemories(databaseUrl, keyring);
    log(`seeded ${created} encrypted memories`);
  }
  return { applied };
}

/** Runs supabase/seed.sql and the memory seeding again (tests call this after truncating). */
export async function runSeed(databaseUrl: string, keyring: Keyring): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
  const seed = await readSupabaseFile("seed.sql");
  try {
    await sql.begin((tx) => tx.unsafe(seed));
  } finally {
    await sql.end({ timeout: 5 });
  }
  await seedMemories(databaseUrl, keyring);
}

async function bootstrapIfLocal(sql: postgres.Sql, log: (line: string) => void): Promise<void> {
  const [{ exists }] =
    (await sql`select exists (select 1 from pg_namespace where nspname = 'auth') as exists`) as [
      { exists: boolean },
    ];
  if (exists) return;
  const bootstrap = await readSupabaseFile("bootstrap-local.sql");
  await sql.begin((tx) => tx.unsafe(bootstrap));
  log("applied bootstrap-local.sql (auth schema, API roles)");
}

async function migrationFiles(): Promise<string[]> {
  const files = (await readdir(`${SUPABASE_DIR}migrations`)).filter((f) => f.endsWith(".sql")).sort();
  const malformed = files.filter((f) => !MIGRATION_FILE.test(f));
  if (malformed.length > 0) throw new Error(`migration files must be NNNN_name.sql: ${malformed.join(", ")}`);
  return files;
}

function readSupabaseFile(relativePath: string): Promise<string> {
  return readFile(`${SUPABASE_DIR}${relativePath}`, "utf8");
}
