import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../support/kit.ts";

/**
 * The plan's and the roles' limits hold for every writer (migration 0034): here as role `authenticated`,
 * the way a member's request through the REST API reaches Postgres, not through functions/api.
 */
const database = useTestDatabase();
const ROSE = SEED.lines.rose;
const OWNER = { userId: SEED.users.demo.id };
// The paid family's owner, invited into the demo family as a plain member.
const MEMBER = { userId: SEED.users.paid.id };
const SECOND = "30000000-0000-4000-8000-0000000000a2";

beforeEach(async () => {
  await database.resetData();
  await database.db.sql`
    insert into public.ultaura_account_members (account_id, user_id, role) values (${SEED.accounts.demo}, ${MEMBER.userId}, 'member')`;
});

const status = async (id: string) =>
  (await database.db.sql`select status::text from public.ultaura_lines where id = ${id}`)[0]?.status;

/** The demo family on the two-line plan with a second line, then downgraded to the one-line trial. */
async function downgradedWithTwoLines() {
  await database.db
    .sql`update public.ultaura_accounts set plan_id = 'comfort' where id = ${SEED.accounts.demo}`;
  await database.db.sql`
    insert into public.ultaura_lines (id, account_id, display_name, phone_e164, timezone, created_at)
    values (${SECOND}, ${SEED.accounts.demo}, 'Second', '+15555550177', 'America/Chicago', now() + interval '1 minute')`;
  await database.db
    .sql`update public.ultaura_accounts set plan_id = 'free_trial' where id = ${SEED.accounts.demo}`;
}

describe("lines and the plan", () => {
  it("after a downgrade only the oldest lines the plan includes count as within it (the dialler asks)", async () => {
    await downgradedWithTwoLines();
    const [row] = await database.db.sql`
      select public.ultaura_line_within_plan(${ROSE}) as rose, public.ultaura_line_within_plan(${SECOND}) as second`;
    expect(row).toEqual({ rose: true, second: false });
  });

  it("refuses to resume a line beyond the plan's active lines, for the owner too", async () => {
    await downgradedWithTwoLines();
    await database.db.sql`update public.ultaura_lines set status = 'paused' where id = ${SECOND}`;
    const resumed = await database.attempt(
      OWNER,
      `select public.ultaura_set_line_status('${SECOND}', 'active')`,
    );
    expect(resumed).toMatchObject({ ok: false, code: "P0001", message: "line_limit_reached" });
    expect(await status(SECOND)).toBe("paused");
  });
});

describe("a line's call times (0041)", () => {
  it("are capped for a member writing through REST as for the API", async () => {
    await database.db.sql`delete from public.ultaura_schedules where line_id = ${ROSE}`;
    const [cap] = await database.db.sql<
      { max: number }[]
    >`select public.ultaura_schedules_per_line_max() as max`;
    await database.db.sql`
      insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone)
      select account_id, id, '{1}', make_time(8, n, 0), timezone from public.ultaura_lines, generate_series(1, ${cap?.max ?? 0}) n
      where id = ${ROSE}`;
    const more = await database.attempt(
      MEMBER,
      `insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone)
       select account_id, id, '{2}', '20:00', timezone from public.ultaura_lines where id = '${ROSE}'`,
    );
    expect(more).toMatchObject({ ok: false, code: "P0001", message: "schedule_limit_reached" });
  });
});

describe("a line the owner paused", () => {
  it("is resumed by the owner only; one a member paused, by any member", async () => {
    await database.asUser(OWNER.userId, (tx) => tx`select public.ultaura_set_line_status(${ROSE}, 'paused')`);
    const byMember = await database.attempt(
      MEMBER,
      `select public.ultaura_set_line_status('${ROSE}', 'active')`,
    );
    expect(byMember).toMatchObject({ ok: false, code: "42501" });
    expect(await status(ROSE)).toBe("paused");
    await database.asUser(OWNER.userId, (tx) => tx`select public.ultaura_set_line_status(${ROSE}, 'active')`);
    expect(await status(ROSE)).toBe("active");

    await database.asUser(
      MEMBER.userId,
      (tx) => tx`select public.ultaura_set_line_status(${ROSE}, 'paused')`,
    );
    await database.asUser(
      MEMBER.userId,
      (tx) => tx`select public.ultaura_set_line_status(${ROSE}, 'active')`,
    );
    expect(await status(ROSE)).toBe("active");
  });
});

describe("the API's limits in the table", () => {
  it("refuses an interest or topic longer than 60 characters, or more than 50 of them", async () => {
    const long = "x".repeat(61);
    for (const query of [
      `update public.ultaura_lines set interests = array['${long}'] where id = '${ROSE}'`,
      `update public.ultaura_lines set topics_to_avoid = array['${long}'] where id = '${ROSE}'`,
      `update public.ultaura_lines set interests = array_fill('tea'::text, array[51]) where id = '${ROSE}'`,
      `update public.ultaura_lines set interests = array[''] where id = '${ROSE}'`,
    ])
      expect(await database.attempt(MEMBER, query)).toMatchObject({ ok: false, code: "23514" });
    expect(
      await database.attempt(
        MEMBER,
        `update public.ultaura_lines set interests = array['${"x".repeat(60)}'] where id = '${ROSE}'`,
      ),
    ).toMatchObject({ ok: true, count: 1 });
  });

  it("refuses an invitation that lasts longer than 7 days", async () => {
    const invite = (days: number) =>
      database.attempt(
        OWNER,
        `insert into public.ultaura_account_invites (account_id, email, role, token_hash, invited_by, expires_at)
         values ('${SEED.accounts.demo}', 'later@example.com', 'member', '${String(days).padStart(64, "0")}', '${OWNER.userId}', now() + interval '${days} days')`,
      );
    expect(await invite(30)).toMatchObject({ ok: false, code: "23514" });
    expect(await invite(7)).toMatchObject({ ok: true, count: 1 });
  });
});
