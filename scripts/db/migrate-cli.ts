import { keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import { isLocalDatabaseUrl, LOCAL_MEMORY_KEK } from "./local-keys.ts";
import { applyMigrations } from "./migrate.ts";

/**
 * npm run db:migrate [-- --seed | --no-seed]
 * Migrates DATABASE_URL (default: the local Supabase port). Seeds by default only a local database.
 */
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:54322/postgres";
const args = new Set(process.argv.slice(2));
const local = isLocalDatabaseUrl(databaseUrl);
const seed = args.has("--seed") ? true : args.has("--no-seed") ? false : local;

async function main(): Promise<void> {
  let keyringEnv = process.env;
  if (seed && !process.env.MEMORY_KEK) {
    if (!local) throw new Error("MEMORY_KEK is required to seed a non-local database");
    console.log("MEMORY_KEK not set: seeding with the local development key");
    keyringEnv = { ...process.env, ...LOCAL_MEMORY_KEK };
  }
  const keyring = seed ? await keyringFromEnv(keyringEnv) : undefined;
  const { applied } = await applyMigrations(databaseUrl, {
    seed,
    log: (line) => console.log(line),
    ...(keyring ? { keyring } : {}),
  });
  console.log(
    applied.length === 0 ? "database already up to date" : `${applied.length} migration(s) applied`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
