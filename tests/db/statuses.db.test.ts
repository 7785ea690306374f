import { describe, expect, it } from "vitest";
import { planKind } from "../../functions/_shared/contracts/bridge.ts";
import { isFinal } from "../../functions/_shared/domain/sessions/call-status.ts";
import { accountStatus, callStatus, planId } from "../../functions/api/schemas.ts";
import { useTestDatabase } from "../support/database.ts";

/** The API's status enums and plan ids are the database's, value for value and in the same order. */
const database = useTestDatabase();

async function enumValues(type: string): Promise<string[]> {
  const rows = await database.db.sql<{ value: string }[]>`
    select e.enumlabel as value from pg_enum e
    where e.enumtypid = ${`public.${type}`}::regtype
    order by e.enumsortorder`;
  return rows.map((r) => r.value);
}

describe("statuses", () => {
  it("the API's call statuses are exactly ultaura_call_status", async () => {
    expect(await enumValues("ultaura_call_status")).toEqual(callStatus.options);
  });

  it("the API's account statuses are exactly ultaura_account_status", async () => {
    expect(await enumValues("ultaura_account_status")).toEqual(accountStatus.options);
  });

  it("the API's plan ids and kinds are the catalogue's rows and ultaura_plan_kind", async () => {
    const rows = await database.db.sql<{ id: string }[]>`select id from public.ultaura_plans order by id`;
    expect(rows.map((r) => r.id)).toEqual([...planId.options].sort());
    expect(await enumValues("ultaura_plan_kind")).toEqual(planKind.options);
  });

  it("the status callbacks' final statuses are the database's", async () => {
    const rows = await database.db.sql<{ status: (typeof callStatus.options)[number]; final: boolean }[]>`
      select s::text as status, public.ultaura_call_status_final(s) as final
      from unnest(enum_range(null::public.ultaura_call_status)) s`;
    expect(rows.filter((r) => r.final).length).toBeGreaterThan(0);
    for (const row of rows) expect({ status: row.status, final: isFinal(row.status) }).toEqual(row);
  });
});
