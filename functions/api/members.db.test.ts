import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * `GET /api/account/members` through real Postgres RLS and `ultaura_account_member_list`: a family sees
 * its own members (with e-mails) and, for the owner, the invitations still pending; nobody else's.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

describe("the account's members", () => {
  it("shows the owner, a sibling who joined and a pending invite; the sibling sees no invites", async () => {
    const ownerSession = await api.signUp("members-owner@example.com");
    const owner = api.request(ownerSession.access_token);
    const account = await owner("POST", "/accounts", { name: "The Members" });
    expect(account.status).toBe(201);
    const invite = await owner("POST", "/account/invites", { email: "members-sibling@example.com" });
    const siblingSession = await api.signUp("members-sibling@example.com");
    const sibling = api.request(siblingSession.access_token);
    expect((await sibling("POST", "/invites/accept", { token: invite.body.token })).status).toBe(200);
    const pending = await owner("POST", "/account/invites", { email: "Cousin@Example.com" });
    expect(pending.status).toBe(201);

    const listed = await owner("GET", "/account/members");
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        userId: ownerSession.user.id,
        email: "members-owner@example.com",
        role: "owner",
        joinedAt: expect.any(String),
      },
      {
        userId: siblingSession.user.id,
        email: "members-sibling@example.com",
        role: "member",
        joinedAt: expect.any(String),
      },
    ]);
    expect(listed.body.invites).toEqual([
      {
        id: pending.body.id,
        email: "cousin@example.com",
        createdAt: expect.any(String),
        expiresAt: pending.body.expiresAt,
      },
    ]);

    const seenBySibling = await sibling("GET", `/account/members?accountId=${account.body.id}`);
    expect(seenBySibling.status).toBe(200);
    expect(seenBySibling.body.items).toEqual(listed.body.items);
    expect(seenBySibling.body.invites).toEqual([]);
  });

  it("shows a stranger only their own account, never the demo family's", async () => {
    const session = await api.signUp("members-stranger@example.com");
    const stranger = api.request(session.access_token);
    expect((await stranger("POST", "/accounts", { name: "Strangers" })).status).toBe(201);
    const own = await stranger("GET", "/account/members");
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      items: [
        {
          userId: session.user.id,
          email: "members-stranger@example.com",
          role: "owner",
          joinedAt: expect.any(String),
        },
      ],
      invites: [],
    });
    const demo = await stranger("GET", `/account/members?accountId=${SEED.accounts.demo}`);
    expect(demo.status).toBe(404);
  });

  it("ultaura_account_member_list answers only for the caller's own accounts", async () => {
    const demoUser = SEED.users.demo.id;
    const ownRows = await database.asUser(
      demoUser,
      (tx) => tx`select email from public.ultaura_account_member_list(${SEED.accounts.demo})`,
    );
    expect(ownRows.map((r) => r.email)).toEqual([SEED.users.demo.email]);
    const otherRows = await database.asUser(
      demoUser,
      (tx) => tx`select email from public.ultaura_account_member_list(${SEED.accounts.paid})`,
    );
    expect(otherRows).toEqual([]);
    const anon = await database.attempt(
      "anon",
      `select * from public.ultaura_account_member_list('${SEED.accounts.demo}')`,
    );
    expect(anon).toMatchObject({ ok: false, code: "42501" });
  });
});
