import { describe, expect, it } from "vitest";
import { alertRecipients } from "../../functions/bridge/safety/events.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { phoneNumber, useApiApp, useTestDatabase } from "../support/kit.ts";

/**
 * Issue 21: a trusted contact's agreement to safety texts belongs to their number (migration 0028). Through
 * functions/api and the alert path's own query (functions/bridge/safety/events.ts).
 */
const t = useTestDatabase();
const api = useApiApp(t, { resetData: true });

const roseSession = { id: "", accountId: SEED.accounts.demo, lineId: SEED.lines.rose };
const recipients = async () =>
  (await t.db.asService((tx) => alertRecipients(tx, roseSession, "high"))).map((r) => r.phone);

describe("a trusted contact's consent follows their number", () => {
  it("a number change clears the opt-in and Daniel's old yes no longer texts the new number; a fresh yes does", async () => {
    const owner = api.request((await api.signIn(SEED.users.demo.email)).access_token);
    const newNumber = phoneNumber();
    expect(await recipients()).toEqual([SEED.phones.daniel]);

    const moved = await owner("PATCH", `/contacts/${SEED.trustedContactDaniel}`, { phone: newNumber });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ phone: newNumber, consentRecordedAt: null });
    expect(await recipients()).toEqual([]);

    const agreed = await owner("PATCH", `/contacts/${SEED.trustedContactDaniel}`, { contactAgreed: true });
    expect(agreed.body.consentRecordedAt).not.toBeNull();
    expect(await recipients()).toEqual([newNumber]);
  });

  it("a member cannot write an opt-in timestamp through REST (0036), so no such timestamp texts anyone", async () => {
    const session = await api.signUpMember(SEED.accounts.demo, "rest-writer@example.com");
    const unasked = phoneNumber();
    await expect(
      t.db.asUser(
        { sub: session.user.id, role: "authenticated" },
        (tx) => tx`
        insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
        values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'Unasked', ${unasked}, '{high}', now())`,
      ),
    ).rejects.toMatchObject({ code: "42501" });
    expect(await recipients()).not.toContain(unasked);
  });
});
