import { beforeAll, describe, expect, it } from "vitest";
import { caller, signIn, signUp, testApiApp, testAuthApp } from "../../functions/api/testing.ts";
import { alertRecipients } from "../../functions/bridge/safety/events.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../support/database.ts";
import { TEST_KEK } from "../support/test-keys.ts";

/**
 * Issue 21: a trusted contact's agreement to safety texts belongs to their number (migration 0028). Through
 * functions/api and the alert path's own query (functions/bridge/safety/events.ts).
 */
const t = useTestDatabase();
let api: ReturnType<typeof testApiApp>;
let auth: Awaited<ReturnType<typeof testAuthApp>>;

beforeAll(async () => {
  await t.resetData();
  auth = await testAuthApp(t.db);
  api = testApiApp(t.db, TEST_KEK, { twilio: "http://127.0.0.1:9", upstash: "http://127.0.0.1:9" });
});

const roseSession = { id: "", accountId: SEED.accounts.demo, lineId: SEED.lines.rose };
const recipients = async () =>
  (await t.db.asService((tx) => alertRecipients(tx, roseSession, "high"))).map((r) => r.phone);

describe("a trusted contact's consent follows their number", () => {
  it("a number change clears the opt-in and Daniel's old yes no longer texts the new number; a fresh yes does", async () => {
    const owner = caller(api, (await signIn(auth, SEED.users.demo.email)).access_token);
    expect(await recipients()).toEqual([SEED.phones.daniel]);

    const moved = await owner("PATCH", `/contacts/${SEED.trustedContactDaniel}`, { phone: "+15555550166" });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ phone: "+15555550166", consentRecordedAt: null });
    expect(await recipients()).toEqual([]);

    const agreed = await owner("PATCH", `/contacts/${SEED.trustedContactDaniel}`, { contactAgreed: true });
    expect(agreed.body.consentRecordedAt).not.toBeNull();
    expect(await recipients()).toEqual(["+15555550166"]);
  });

  it("a member cannot write an opt-in timestamp through REST (0036), so no such timestamp texts anyone", async () => {
    const session = await signUp(auth, "rest-writer@example.com");
    await t.db.sql`insert into public.ultaura_account_members (account_id, user_id, role)
                   values (${SEED.accounts.demo}, ${session.user.id}, 'member')`;
    await expect(
      t.db.asUser(
        { sub: session.user.id, role: "authenticated" },
        (tx) => tx`
        insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
        values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'Unasked', '+15555550167', '{high}', now())`,
      ),
    ).rejects.toMatchObject({ code: "42501" });
    expect(await recipients()).not.toContain("+15555550167");
  });
});
