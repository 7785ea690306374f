import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/kit.ts";

/**
 * Every foreign key in `public` has an index that leads with one of its columns (0042), whole or partial
 * on that column being set, so deleting the row it points at looks its referencing rows up instead of
 * scanning the table once per row deleted.
 * The plan catalogue is the exception: its rows are never deleted, and its keys have a handful of values.
 */
const database = useTestDatabase();

describe("foreign keys", () => {
  it("each have an index on the referencing side", async () => {
    const outcome = await database.attempt(
      "service",
      `select c.conname as name
       from pg_constraint c
       where c.contype = 'f'
         and c.connamespace = 'public'::regnamespace
         and c.confrelid <> 'public.ultaura_plans'::regclass
         and not exists (
           select 1
           from pg_index i
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
           where i.indrelid = c.conrelid
             and i.indkey[0] = any (c.conkey)
             -- a partial index serves the key's lookups only if its condition is the column being set
             and (i.indpred is null or pg_get_expr(i.indpred, i.indrelid) = format('(%s IS NOT NULL)', a.attname))
         )
       order by 1`,
    );
    expect(outcome).toMatchObject({ ok: true, rows: [] });
  });
});
