import { applyMigrations } from "../scripts/db/migrate.ts";

/**
 * A scale seed outlives the code that filled it: before a bench reads one, the migrations added since are
 * applied (none of the seed's own work is redone), so a database seeded once keeps serving every branch.
 */
export async function migrateScaleDatabase(databaseUrl: string): Promise<void> {
  const started = performance.now();
  const { applied } = await applyMigrations(databaseUrl);
  if (applied.length > 0)
    console.log(
      `migrated the scale database: ${applied.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
}
