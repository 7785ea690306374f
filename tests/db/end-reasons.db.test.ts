import { describe, expect, it } from "vitest";
import { BRIDGE_END_REASONS, CALL_END_REASONS } from "../../functions/_shared/contracts/index.ts";
import { useTestDatabase } from "../support/kit.ts";

/** The contract's end reasons are the database enum's, value for value and in the same spelling. */
const database = useTestDatabase();

describe("call end reasons", () => {
  it("the contract's list is exactly the enum ultaura_call_end_reason", async () => {
    const [row] = await database.db.sql<{ reasons: string[] }[]>`
      select enum_range(null::public.ultaura_call_end_reason)::text[] as reasons`;
    expect([...(row?.reasons ?? [])].sort()).toEqual([...CALL_END_REASONS].sort());
  });

  it("every reason the Worker reports can be stored", async () => {
    for (const reason of BRIDGE_END_REASONS) {
      const [row] = await database.db.sql<{ stored: string }[]>`
        select ${reason}::public.ultaura_call_end_reason::text as stored`;
      expect(row?.stored).toBe(reason);
    }
  });
});
