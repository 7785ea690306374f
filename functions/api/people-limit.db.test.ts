import { describe, expect, it } from "vitest";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * 0044: an account holds at most 20 people, members and invitations still waiting, so its members list
 * (read whole) stays bounded. The API says so with a 409 and the cap; the database refuses every writer.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

const pendingInvites = async (accountId: string) =>
  (
    await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.ultaura_account_invites
      where account_id = ${accountId} and accepted_at is null`
  )[0]?.n;

describe("the people an account holds", () => {
  it("stops at 20 with members and waiting invitations counted; a withdrawn invitation frees a place", async () => {
    const session = await api.signUp("people-owner@example.com");
    const owner = api.request(session.access_token);
    const account = await owner("POST", "/accounts", { name: "The Many" });
    expect(account.status).toBe(201);
    const invites: string[] = [];
    for (let n = 1; n <= 19; n++) {
      const invite = await owner("POST", "/account/invites", { email: `cousin${n}@example.com` });
      expect(invite.status).toBe(201);
      invites.push(invite.body.id);
    }

    const refused = await owner("POST", "/account/invites", { email: "cousin20@example.com" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: "people_limit_reached",
      message: expect.stringContaining("at most 20 people"),
    });
    expect(await pendingInvites(account.body.id)).toBe(19);

    expect((await owner("DELETE", `/account/invites/${invites[0]}`)).status).toBe(204);
    expect((await owner("POST", "/account/invites", { email: "cousin20@example.com" })).status).toBe(201);
  });

  it("is the database's rule: a member's own REST insert and any member row over the cap are refused", async () => {
    const session = await api.signUp("people-direct@example.com");
    const owner = api.request(session.access_token);
    const account = await owner("POST", "/accounts", { name: "The Direct" });
    const accountId = account.body.id as string;
    await database.db.sql`
      insert into public.ultaura_account_invites (account_id, email, token_hash, invited_by, expires_at)
      select ${accountId}, 'filler' || n || '@example.com', encode(sha256(('people' || n)::bytea), 'hex'), ${session.user.id},
        now() + interval '1 day'
      from generate_series(1, 19) as n`;

    const direct = await database.attempt(
      { userId: session.user.id, email: "people-direct@example.com" },
      `insert into public.ultaura_account_invites (account_id, email, token_hash, invited_by)
       values ('${accountId}', 'extra@example.com', encode(sha256('extra'::bytea), 'hex'), '${session.user.id}')`,
    );
    expect(direct).toMatchObject({ ok: false, message: "people_limit_reached" });

    await database.db.sql`delete from public.ultaura_account_invites where account_id = ${accountId}`;
    await database.db.sql`
      insert into auth.users (id, email)
      select gen_random_uuid(), 'people-member' || n || '@example.com' from generate_series(1, 19) as n`;
    await database.db.sql`
      insert into public.ultaura_account_members (account_id, user_id, role)
      select ${accountId}, id, 'member' from auth.users where email like 'people-member%@example.com'`;
    // The owner and 19 members: the account is full.
    const twentyFirst = await database.attempt(
      "service",
      `with u as (insert into auth.users (id, email) values (gen_random_uuid(), 'people-21@example.com') returning id)
       insert into public.ultaura_account_members (account_id, user_id, role) select '${accountId}', id, 'member' from u`,
    );
    expect(twentyFirst).toMatchObject({ ok: false, message: "people_limit_reached" });
  });
});
