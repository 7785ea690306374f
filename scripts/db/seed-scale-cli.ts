import { keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import { loadLocalEnv } from "../env-file.ts";
import { applyMigrations } from "./migrate.ts";
import { seedScale } from "./seed-scale.ts";

/**
 * npm run seed:scale -- --families N [--seed S] [--chunk C] [--jobs J]
 * Migrates DATABASE_URL (with the local seed) and adds N scale families with a year of history each
 * (scripts/db/seed-scale.ts). The database must be fresh of scale families; the role must be a superuser.
 */
const root = new URL("../..", import.meta.url).pathname;
const env = loadLocalEnv(root, {});
const databaseUrl = process.env.DATABASE_URL;
const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};

async function main(): Promise<void> {
  if (!databaseUrl) throw new Error("DATABASE_URL must name the database to fill");
  const keyring = await keyringFromEnv(env);
  await applyMigrations(databaseUrl, { seed: true, keyring, log: (line) => console.log(line) });
  await seedScale(databaseUrl, {
    families: option("families", 100),
    seed: option("seed", 1),
    chunk: option("chunk", 250),
    jobs: option("jobs", 2),
    keyring,
    password: env.SEED_USER_PASSWORD ?? "ultaura-demo-password",
    log: (line) => console.log(line),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
