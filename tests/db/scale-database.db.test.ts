import { describe, expect, it } from "vitest";
import { migrateScaleDatabase } from "../../bench/scale-database.ts";
import { useTestDatabase } from "../support/kit.ts";

/** A scale seed made before a migration landed gets it when a bench next opens it. */
const database = useTestDatabase();

describe("a bench's scale database", () => {
  it("is brought to the current schema before the bench reads it", async () => {
    await database.db.sql`delete from supabase_migrations.schema_migrations where version = '0040'`;
    await migrateScaleDatabase(database.url);
    const [row] = await database.db.sql`
      select name from supabase_migrations.schema_migrations where version = '0040'`;
    expect(row?.name).toBe("0040_scale.sql");
  });
});
