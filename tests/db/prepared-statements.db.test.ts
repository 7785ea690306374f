import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../functions/_shared/platform/db.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../support/kit.ts";

/**
 * DATABASE_PREPARE=true keeps each statement prepared on its connection and Postgres reuses its plan
 * (a generic one after five runs). Row-level security must still answer per request: the same statement
 * on the same connection, alternately for members of two families and for the service path.
 */
const database = useTestDatabase();
let prepared: Database;

beforeAll(async () => {
  // The seed's families as the seed made them (earlier files may have joined the demo user elsewhere).
  await database.resetData();
  prepared = createDatabase(database.url, { max: 1, prepare: true });
});
afterAll(() => prepared.close());

const accountsSeenBy = (userId: string) =>
  prepared.asUser({ sub: userId, role: "authenticated" }, async (tx) =>
    (await tx<{ id: string }[]>`select id from public.ultaura_accounts order by id`).map((r) => r.id),
  );

describe("prepared statements", () => {
  it("answer each member with their own family's rows, run after run on one connection", async () => {
    for (let run = 0; run < 8; run++) {
      expect(await accountsSeenBy(SEED.users.demo.id)).toEqual([SEED.accounts.demo]);
      expect(await accountsSeenBy(SEED.users.paid.id)).toEqual([SEED.accounts.paid]);
      const all = await prepared.asService(
        async (tx) => (await tx<{ id: string }[]>`select id from public.ultaura_accounts order by id`).length,
      );
      expect(all).toBeGreaterThanOrEqual(3);
    }
    const statements = await prepared.sql<{ count: number }[]>`
      select count(*)::int as count from pg_prepared_statements
      where statement like 'select id from public.ultaura_accounts%'`;
    expect(statements[0]?.count).toBe(1);
  });
});
