import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * GET /api/schedule-runs: the family sees why a scheduled call did not happen — a slot missed after its
 * retries, a slot skipped for quiet hours — through real Postgres RLS, paged by a keyset cursor.
 * The runs are written as the scheduler writes them (service role); the reading is the member's.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

const MISSED_SLOT = "2026-11-20T18:00:00.000Z";
const QUIET_SLOT = "2026-11-21T18:00:00.000Z";
const REACHED_SLOT = "2026-11-19T18:00:00.000Z";

beforeAll(async () => {
  const run = (slot: string, attempt: number, outcome: string, result: string, dueMinutes = 0) =>
    database.db.sql`
      insert into public.ultaura_schedule_runs
        (schedule_id, account_id, line_id, occurrence_at, attempt, due_at, state, result, outcome)
      values (${SEED.scheduleRoseDaily}, ${SEED.accounts.demo}, ${SEED.lines.rose}, ${slot}, ${attempt},
              ${slot}::timestamptz + make_interval(mins => ${dueMinutes}), 'done', ${result}, ${outcome})`;
  await run(REACHED_SLOT, 0, "reached", "completed");
  await run(MISSED_SLOT, 0, "retrying", "no_answer");
  await run(MISSED_SLOT, 1, "retrying", "busy", 15);
  await run(MISSED_SLOT, 2, "missed", "no_answer", 30);
  await run(QUIET_SLOT, 0, "skipped", "skipped_quiet_hours");
});

const as = async (email: string) => api.request((await api.signIn(email)).access_token);

describe("scheduled-call attempts", () => {
  it("a member sees a skipped and a missed slot with their reasons, newest slot first", async () => {
    const demo = await as(SEED.users.demo.email);
    const page = await demo("GET", `/schedule-runs?lineId=${SEED.lines.rose}`);
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    expect(
      page.body.items.map((r: { occurrenceAt: string; attempt: number; outcome: string; reason: string }) => [
        r.occurrenceAt,
        r.attempt,
        r.outcome,
        r.reason,
      ]),
    ).toEqual([
      [QUIET_SLOT, 0, "skipped", "skipped_quiet_hours"],
      [MISSED_SLOT, 2, "missed", "no_answer"],
      [MISSED_SLOT, 1, "retrying", "busy"],
      [MISSED_SLOT, 0, "retrying", "no_answer"],
      [REACHED_SLOT, 0, "reached", "completed"],
    ]);
    expect(page.body.items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      scheduleId: SEED.scheduleRoseDaily,
      lineId: SEED.lines.rose,
      occurrenceAt: QUIET_SLOT,
      attempt: 0,
      state: "done",
      outcome: "skipped",
      reason: "skipped_quiet_hours",
      callSessionId: null,
      dueAt: QUIET_SLOT,
    });
    // Without lineId: every line of the member's accounts (here only Rose's runs exist).
    expect((await demo("GET", "/schedule-runs")).body).toEqual(page.body);
  });

  it("pages with a keyset cursor: every attempt once, in order, also across the attempts of one slot", async () => {
    const demo = await as(SEED.users.demo.email);
    const all = (await demo("GET", `/schedule-runs?lineId=${SEED.lines.rose}`)).body.items;
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await demo("GET", `/schedule-runs?lineId=${SEED.lines.rose}&limit=2${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it("another family's member sees none of them; a bad cursor or line id is a 400", async () => {
    const paid = await as(SEED.users.paid.email);
    expect((await paid("GET", `/schedule-runs?lineId=${SEED.lines.rose}`)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    const own = await paid("GET", "/schedule-runs");
    expect(own.status).toBe(200);
    expect(own.body.items.filter((r: { lineId: string }) => r.lineId === SEED.lines.rose)).toEqual([]);
    const demo = await as(SEED.users.demo.email);
    const badCursor = await demo("GET", "/schedule-runs?cursor=bm9wZQ");
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.code).toBe("invalid_request");
    expect((await demo("GET", "/schedule-runs?lineId=rose")).status).toBe(400);
  });
});
