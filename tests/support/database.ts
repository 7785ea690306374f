import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import type { Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";
import {
  createDatabase,
  type Database,
  type JwtClaims,
  type Tx,
} from "../../functions/_shared/platform/db.ts";
import { runSeed } from "../../scripts/db/migrate.ts";
import { testKeyring } from "./test-keys.ts";

/** Who runs a statement: the anonymous API role, a signed-in user (by id), or the service path. */
export type Actor = "anon" | "service" | { userId: string; email?: string };

/** What an attempted statement did: rows it returned and rows it touched, or the Postgres error code. */
export type Outcome =
  | { ok: true; rows: Record<string, unknown>[]; count: number }
  | { ok: false; code: string; message: string };

export interface TestDatabase {
  readonly url: string;
  readonly db: Database;
  readonly keyring: Keyring;
  /** Empties every application table and auth.users, then seeds again. */
  resetData(): Promise<void>;
  /** Supabase-shaped claims for a user id. */
  claims(userId: string, email?: string): JwtClaims;
  /** Runs `fn` as the user through RLS, committing (the db adapter's `asUser`). */
  asUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` as `anon` with anon claims, committing. */
  asAnon<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs one SQL text as `actor` in a transaction that is always rolled back, and reports what happened. */
  attempt(actor: Actor, query: string): Promise<Outcome>;
}

class RolledBack extends Error {
  constructor(readonly result: postgres.RowList<postgres.Row[]>) {
    super("rolled back on purpose");
  }
}

/** Connects to the run's database (see db-global-setup.ts) for the current test file. */
export function useTestDatabase(): TestDatabase {
  let db: Database | undefined;
  let keyring: Keyring | undefined;
  const url = inject("databaseUrl");

  beforeAll(async () => {
    db = createDatabase(url, { max: 4 });
    keyring = await testKeyring();
  });
  afterAll(async () => {
    await db?.close();
  });

  const ready = () => {
    if (!db || !keyring) throw new Error("useTestDatabase() is ready only inside tests and hooks");
    return { db, keyring };
  };
  const claims = (userId: string, email?: string): JwtClaims => ({
    sub: userId,
    role: "authenticated",
    aud: "authenticated",
    ...(email ? { email } : {}),
  });
  const becomeActor = async (tx: Tx, actor: Actor) => {
    if (actor === "service") return;
    const jwt = actor === "anon" ? { role: "anon" } : claims(actor.userId, actor.email);
    await tx`select set_config('request.jwt.claims', ${JSON.stringify(jwt)}, true)`;
    await tx.unsafe(`set local role ${actor === "anon" ? "anon" : "authenticated"}`);
  };

  return {
    url,
    get db() {
      return ready().db;
    },
    get keyring() {
      return ready().keyring;
    },
    async resetData() {
      const { db, keyring } = ready();
      await db.asService(async (tx) => {
        const tables = await tx<{ name: string }[]>`
          select format('%I.%I', schemaname, tablename) as name from pg_tables
          where schemaname = 'public' and tablename like 'ultaura\\_%'
            and tablename not in ('ultaura_plans', 'ultaura_private_keys')`;
        await tx.unsafe(
          `truncate ${[...tables.map((t) => t.name), "auth.users"].join(", ")} restart identity cascade`,
        );
      });
      await runSeed(url, keyring);
    },
    claims,
    asUser: (userId, fn) => ready().db.asUser(claims(userId), fn),
    asAnon: (fn) =>
      ready().db.sql.begin(async (tx) => {
        await becomeActor(tx, "anon");
        return fn(tx);
      }) as Promise<Awaited<ReturnType<typeof fn>>>,
    async attempt(actor, query) {
      try {
        await ready().db.sql.begin(async (tx) => {
          await becomeActor(tx, actor);
          throw new RolledBack(await tx.unsafe(query));
        });
        throw new Error("unreachable: the attempt always rolls back");
      } catch (error) {
        if (error instanceof RolledBack) {
          return {
            ok: true,
            rows: [...error.result] as Record<string, unknown>[],
            count: error.result.count,
          };
        }
        if (error instanceof postgres.PostgresError)
          return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    },
  };
}
