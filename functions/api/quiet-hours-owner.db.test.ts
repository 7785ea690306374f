import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/** Ringing through the person's quiet hours ("call anyway") is the owner's decision, never a member's. */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

describe("call anyway in quiet hours", () => {
  it("is refused to a member with the owner-only sentence, and rings nobody", async () => {
    const owner = api.request((await api.signIn(SEED.users.demo.email)).access_token);
    const invite = await owner("POST", `/account/invites?accountId=${SEED.accounts.demo}`, {
      email: "quiet-member@example.com",
    });
    expect(invite.status).toBe(201);
    const member = api.request((await api.signUp("quiet-member@example.com")).access_token);
    expect((await member("POST", "/invites/accept", { token: invite.body.token })).status).toBe(200);

    const refused = await member("POST", `/lines/${SEED.lines.rose}/test-call`, { ignoreQuietHours: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: "owner_only",
      message: "Only the account's owner can call during a line's quiet hours.",
    });
    const sessions = await database.db.sql`select id from ultaura_call_sessions where is_test`;
    expect(sessions).toEqual([]);
  });
});
