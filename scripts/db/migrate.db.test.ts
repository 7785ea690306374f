import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { applyMigrations } from "./migrate.ts";

const database = useTestDatabase();
const migrations = readdirSync(fileURLToPath(new URL("../../supabase/migrations/", import.meta.url)))
  .filter((f) => f.endsWith(".sql"))
  .sort();

beforeAll(() => database.resetData());

describe("applyMigrations", () => {
  it("recorded every migration once, in order", async () => {
    const rows = await database.db.sql<{ version: string; name: string }[]>`
      select version, name from supabase_migrations.schema_migrations order by version`;
    expect(rows.map((r) => r.name)).toEqual(migrations);
  });

  it("applies nothing the second time and re-seeds without duplicates", async () => {
    const before = await database.db.sql`select count(*)::int as n from public.ultaura_lines`;
    const lines: string[] = [];
    const result = await applyMigrations(database.url, {
      seed: true,
      keyring: database.keyring,
      log: (l) => lines.push(l),
    });
    expect(result.applied).toEqual([]);
    expect(lines).not.toContain(expect.stringMatching(/bootstrap/));
    const after = await database.db.sql`select count(*)::int as n from public.ultaura_lines`;
    expect(after).toEqual(before);
  });

  it("seeded the rows other tests refer to by id", async () => {
    const [row] = await database.db.sql`
      select
        (select count(*)::int from auth.users where id in (${SEED.users.demo.id}, ${SEED.users.low.id}, ${SEED.users.paid.id})) as users,
        (select display_name from public.ultaura_lines where id = ${SEED.lines.rose} and phone_e164 = ${SEED.phones.rose}
           and phone_verified_at is not null and timezone = 'America/Los_Angeles') as rose,
        (select count(*)::int from public.ultaura_lines where phone_verified_at is not null) as verified,
        (select count(*)::int from public.ultaura_memories where line_id = ${SEED.lines.rose}) as memories,
        (select alerts_opted_in_at is not null from public.ultaura_trusted_contacts where id = ${SEED.trustedContactDaniel}) as daniel,
        (select plan_id from public.ultaura_accounts where id = ${SEED.accounts.paid}) as paid_plan`;
    expect(row).toEqual({
      users: 3,
      rose: "Rose",
      verified: 3,
      memories: 2,
      daniel: true,
      paid_plan: "care",
    });
  });

  it("created the plans with their prices", async () => {
    const plans = await database.db.sql`
      select id, monthly_price_cents, annual_price_cents, minutes_included, lines_included, overage_cents_per_minute
      from public.ultaura_plans order by sort_order`;
    expect(plans).toEqual([
      {
        id: "free_trial",
        monthly_price_cents: 0,
        annual_price_cents: 0,
        minutes_included: 20,
        lines_included: 1,
        overage_cents_per_minute: 0,
      },
      {
        id: "care",
        monthly_price_cents: 1900,
        annual_price_cents: 19000,
        minutes_included: 200,
        lines_included: 1,
        overage_cents_per_minute: 15,
      },
      {
        id: "comfort",
        monthly_price_cents: 4900,
        annual_price_cents: 49000,
        minutes_included: 600,
        lines_included: 2,
        overage_cents_per_minute: 15,
      },
      {
        id: "family",
        monthly_price_cents: 9900,
        annual_price_cents: 99000,
        minutes_included: 1200,
        lines_included: 4,
        overage_cents_per_minute: 15,
      },
      {
        id: "payg",
        monthly_price_cents: 0,
        annual_price_cents: 0,
        minutes_included: 0,
        lines_included: 4,
        overage_cents_per_minute: 15,
      },
    ]);
  });
});
