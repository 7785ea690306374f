import { describe, expect, it } from "vitest";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/** The owner removes a family member and withdraws an invitation; nobody else can, and no account loses its owner. */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

describe("removing members and withdrawing invitations", () => {
  it("lets the owner remove a member and withdraw an invite; refuses a member and the only owner", async () => {
    const ownerSession = await api.signUp("remove-owner@example.com");
    const owner = api.request(ownerSession.access_token);
    const account = await owner("POST", "/accounts", { name: "The Removers" });
    expect(account.status).toBe(201);
    const invite = await owner("POST", "/account/invites", { email: "remove-sibling@example.com" });
    const siblingSession = await api.signUp("remove-sibling@example.com");
    const sibling = api.request(siblingSession.access_token);
    expect((await sibling("POST", "/invites/accept", { token: invite.body.token })).status).toBe(200);
    const q = `?accountId=${account.body.id}`;

    const byMember = await sibling("DELETE", `/account/members/${ownerSession.user.id}${q}`);
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.code).toBe("owner_only");
    const self = await owner("DELETE", `/account/members/${ownerSession.user.id}`);
    expect(self.status).toBe(409);
    expect(self.body.error).toEqual({
      code: "last_owner",
      message: "You are the account's only owner, so you cannot remove yourself.",
    });

    expect((await owner("DELETE", `/account/members/${siblingSession.user.id}`)).status).toBe(204);
    expect((await sibling("GET", `/account${q}`)).status).toBe(404);
    const again = await owner("DELETE", `/account/members/${siblingSession.user.id}`);
    expect(again.status).toBe(404);

    const pending = await owner("POST", "/account/invites", { email: "remove-cousin@example.com" });
    expect((await owner("DELETE", `/account/invites/${pending.body.id}`)).status).toBe(204);
    expect((await owner("GET", "/account/members")).body.invites).toEqual([]);
    const cousin = api.request((await api.signUp("remove-cousin@example.com")).access_token);
    expect((await cousin("POST", "/invites/accept", { token: pending.body.token })).status).not.toBe(200);
    expect((await owner("DELETE", `/account/invites/${pending.body.id}`)).status).toBe(404);
  });
});
