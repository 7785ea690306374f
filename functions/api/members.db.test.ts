import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { TEST_KEK } from "../../tests/support/test-keys.ts";
import { caller, signUp, testApiApp, testAuthApp } from "./testing.ts";

/**
 * `GET /api/account/members` through real Postgres RLS and `ultaura_account_member_list`: a family sees
 * its own members (with e-mails) and, for the owner, the invitations still pending; nobody else's.
 */
const database = useTestDatabase();
const urls = { twilio: "http://127.0.0.1:9", upstash: "http://127.0.0.1:9" };
let app: ReturnType<typeof testApiApp>;
let auth: Awaited<ReturnType<typeof testAuthApp>>;

beforeAll(async () => {
  await database.resetData();
  auth = await testAuthApp(database.db);
  app = testApiApp(database.db, TEST_KEK, urls);
});

describe("the account's members", () => {
  it("shows the owner, a sibling who joined and a pending invite; the sibling sees no invites", async () => {
    const ownerSession = await signUp(auth, "members-owner@example.com");
    const owner = caller(app, ownerSession.access_token);
    const account = await owner("POST", "/accounts", { name: "The Members" });
    expect(account.status).toBe(201);
    const invite = await owner("POST", "/account/invites", { email: "members-sibling@example.com" });
    const siblingSession = await signUp(auth, "members-sibling@example.com");
    const sibling = caller(app, siblingSession.access_token);
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
    const session = await signUp(auth, "members-stranger@example.com");
    const stranger = caller(app, session.access_token);
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
