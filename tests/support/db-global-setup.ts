import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../scripts/db/migrate.ts";
import { startPgliteServer } from "../../scripts/db/pglite-server.ts";
import { providePhoneClaims } from "./phone-claims.ts";
import { testKeyring } from "./test-keys.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated and seeded database for this test run. */
    databaseUrl: string;
  }
}

/**
 * The `db` project's database: with TEST_DATABASE_URL (a PostgreSQL server, superuser) a fresh database
 * `ultaura_test_<random>` on that server, dropped afterwards; otherwise an in-memory PGlite on a free port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const keyring = await testKeyring();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `ultaura_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      await applyMigrations(url.toString(), { seed: true, keyring });
    } catch (error) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      throw error;
    }
    project.provide("databaseUrl", url.toString());
    const releasePhones = providePhoneClaims(project);
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      releasePhones();
    };
  }
  const server = await startPgliteServer({ port: 0 });
  try {
    await applyMigrations(server.url, { seed: true, keyring });
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("databaseUrl", server.url);
  const releasePhones = providePhoneClaims(project);
  return async () => {
    await server.stop();
    releasePhones();
  };
}
