import { describe, expect, it } from "vitest";
import { phoneNumber, useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/** A line's call times are capped (0041) for the API as for every writer; the cap is refused, in words. */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

describe("a line's call times", () => {
  it("stops at the cap with a 409 that names it, and writes nothing", async () => {
    const session = await api.signUp("schedule-cap@example.com");
    const me = api.request(session.access_token);
    await me("POST", "/accounts", { name: "The Planners" });
    const line = await me("POST", "/lines", {
      displayName: "Rosa",
      phone: phoneNumber(),
      timezone: "America/Chicago",
    });
    const path = `/lines/${line.body.id}/schedules`;
    const [cap] = await database.db.sql<
      { max: number }[]
    >`select public.ultaura_schedules_per_line_max() as max`;
    const max = cap?.max ?? 0;
    for (let i = 0; i < max; i++) {
      const time = `${String(8 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 === 0 ? "00" : "30"}`;
      expect((await me("POST", path, { daysOfWeek: [1], localTime: time })).status).toBe(201);
    }
    const refused = await me("POST", path, { daysOfWeek: [2], localTime: "20:00" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("schedule_limit_reached");
    expect(refused.body.error.message).toContain(`at most ${max} call times`);
    const [count] = await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.ultaura_schedules where line_id = ${line.body.id}`;
    expect(count?.n).toBe(max);
  });
});
