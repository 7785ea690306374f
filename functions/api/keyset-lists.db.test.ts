import { describe, expect, it } from "vitest";
import { phoneNumber, useApiApp, useTestDatabase, walkPages } from "../../tests/support/kit.ts";

/**
 * Every list the API answers is keyset paged: lines, schedules, trusted contacts and a line's notices
 * (oldest or newest first, as each reads), and the calls of a member of two accounts, merged across both.
 * Rows created in the same microsecond (one statement) are neither skipped nor repeated.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

async function family(name: string) {
  const session = await api.signUp(`${name}@example.com`);
  const request = api.request(session.access_token);
  const account = await request("POST", "/accounts", { name });
  expect(account.status).toBe(201);
  return { session, request, accountId: account.body.id as string };
}

describe("keyset-paged lists", () => {
  it("pages lines, schedules, contacts and notices without a gap or a repeat, in their order", async () => {
    const { request, accountId, session } = await family("keyset-lists");
    const sql = database.db.sql;
    // Three lines in one statement: the same created_at, so only the id orders them.
    // The family plan allows three lines (a new account's trial allows one).
    await sql`update public.ultaura_accounts set plan_id = 'family' where id = ${accountId}`;
    const phones = [phoneNumber(), phoneNumber(), phoneNumber()];
    const lines = await sql<{ id: string }[]>`
      insert into public.ultaura_lines (account_id, display_name, phone_e164)
      select ${accountId}::uuid, 'Line ' || n, phone from unnest(${phones}::text[]) with ordinality p(phone, n)
      returning id`;
    const lineId = lines[0]?.id as string;
    const expectedLines = (
      await sql<{ id: string }[]>`
        select id from public.ultaura_lines where account_id = ${accountId} order by created_at, id`
    ).map((r) => r.id);
    expect(expectedLines).toHaveLength(3);
    const linePages = await walkPages((q) => request("GET", `/lines?accountId=${accountId}&${q}`), 2);
    expect(linePages).toEqual({ ids: expectedLines, pages: 2 });

    await sql`
      insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone)
      select ${accountId}::uuid, ${lineId}::uuid, '{1,3,5}', make_time(9 + n, 0, 0), 'America/New_York'
      from generate_series(1, 5) n`;
    const schedules = (
      await sql<{ id: string }[]>`
        select id from public.ultaura_schedules where line_id = ${lineId} order by created_at, id`
    ).map((r) => r.id);
    expect(await walkPages((q) => request("GET", `/lines/${lineId}/schedules?${q}`), 2)).toEqual({
      ids: schedules,
      pages: 3,
    });

    for (const name of ["Ana", "Ben", "Cleo", "Dev"])
      await sql`
        insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164)
        values (${accountId}, ${lineId}, ${name}, ${phoneNumber()})`;
    const contacts = (
      await sql<{ id: string }[]>`
        select id from public.ultaura_trusted_contacts where line_id = ${lineId} order by created_at, id`
    ).map((r) => r.id);
    expect(await walkPages((q) => request("GET", `/lines/${lineId}/contacts?${q}`), 3)).toEqual({
      ids: contacts,
      pages: 2,
    });

    await sql`
      insert into public.ultaura_line_notices (account_id, line_id, kind, changed_by_user_id, created_at)
      select ${accountId}::uuid, ${lineId}::uuid, 'number_changed', ${session.user.id}::uuid, now() - make_interval(days => n % 2)
      from generate_series(1, 5) n`;
    const notices = (
      await sql<{ id: string }[]>`
        select id from public.ultaura_line_notices where line_id = ${lineId} order by created_at desc, id desc`
    ).map((r) => r.id);
    expect(await walkPages((q) => request("GET", `/lines/${lineId}/notices?${q}`), 2)).toEqual({
      ids: notices,
      pages: 3,
    });

    const tampered = await request("GET", `/lines/${lineId}/schedules?cursor=not-a-cursor`);
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe("invalid_request");
    expect((await request("GET", `/lines?limit=0`)).status).toBe(400);
  });

  it("merges the calls of a member of two accounts, newest first, and never another family's", async () => {
    const first = await family("keyset-calls-a");
    const second = await family("keyset-calls-b");
    const stranger = await family("keyset-calls-c");
    // The member of both: invited to the second account by its owner.
    const invite = await second.request("POST", "/account/invites", { email: "keyset-calls-a@example.com" });
    expect((await first.request("POST", "/invites/accept", { token: invite.body.token })).status).toBe(200);

    const sql = database.db.sql;
    for (const { accountId } of [first, second, stranger])
      await sql`
        insert into public.ultaura_call_sessions (account_id, direction, status, created_at)
        select ${accountId}::uuid, 'outbound', 'completed',
          -- Two calls of each account at each instant, the same instants in both: ties within a page,
          -- across a page's edge and across the accounts.
          now() - make_interval(mins => n / 2)
        from generate_series(1, 7) n`;
    const expected = (
      await sql<{ id: string }[]>`
        select id from public.ultaura_call_sessions where account_id in (${first.accountId}, ${second.accountId})
        order by created_at desc, id desc`
    ).map((r) => r.id);
    expect(expected).toHaveLength(14);

    const pages = await walkPages((q) => first.request("GET", `/calls?${q}`), 4);
    expect(pages).toEqual({ ids: expected, pages: 4 });
    const byLimit = await first.request("GET", "/calls?limit=100");
    expect(byLimit.body.items.map((c: { id: string }) => c.id)).toEqual(expected);
    expect(byLimit.body.nextCursor).toBeNull();
  });
});
