import { expect, it } from "vitest";
import { NEXT_RUN_TIMES, NEXT_RUN_ZONES, useTestDatabase } from "../../tests/support/kit.ts";
import { nextRunAt } from "./next-run.ts";

const testDb = useTestDatabase();

/**
 * The database plans a new or edited schedule's first run (0007's trigger, 0017's rule); the scheduler plans
 * every later one in TypeScript. Both must give the same instant, gaps and overlaps included (`after` every
 * 31 hours, so it walks through every hour of the day over the year).
 */
it("ultaura_schedule_next_run agrees with nextRunAt across 2026 in four zones", async () => {
  let compared = 0;
  for (const timezone of NEXT_RUN_ZONES) {
    for (const timeOfDay of NEXT_RUN_TIMES) {
      for (const days of [[0, 1, 2, 3, 4, 5, 6], [0]]) {
        const rows = await testDb.db.sql<{ after: Date; next: Date }[]>`
          select after, public.ultaura_schedule_next_run(${`{${days.join(",")}}`}::smallint[], ${timeOfDay}::time,
                                                         ${timezone}, after) as next
          from generate_series('2025-12-31T00:00:00Z'::timestamptz, '2026-12-31T00:00:00Z', interval '31 hours') as after`;
        for (const { after, next } of rows) {
          expect(next, `${timezone} ${timeOfDay} days ${days} after ${after.toISOString()}`).toEqual(
            nextRunAt({ daysOfWeek: days, timeOfDay, timezone }, after),
          );
          compared++;
        }
      }
    }
  }
  expect(compared).toBeGreaterThan(20_000);
}, 180_000);
