import { describe, expect, it } from "vitest";
import { closeCallSession, lockOpenSession } from "../../functions/_shared/domain/billing/call-close.ts";
import { phoneNumber, useSimulatedApi, useTestDatabase } from "../support/kit.ts";

/**
 * Issue 21, one free trial per number (0036): the trial's minutes are also counted by the loved one's number
 * (a keyed hash), so deleting and re-adding the line, or a new sign-up with the same number, finds the
 * minutes already used. Through functions/api, with calls metered by the real close path.
 */
const database = useTestDatabase();
const { twilio, api } = useSimulatedApi(database, { resetData: true });

type Caller = ReturnType<typeof api.request>;

async function trialFamily(email: string, phone: string) {
  const owner = api.request((await api.signUp(email)).access_token);
  expect((await owner("POST", "/accounts", { name: email })).status).toBe(201);
  return { owner, lineId: await addLine(owner, phone) };
}

async function addLine(owner: Caller, phone: string): Promise<string> {
  const line = await owner("POST", "/lines", { displayName: "Nana", phone, timezone: "UTC" });
  expect(line.status).toBe(201);
  return String(line.body.id);
}

async function verify(owner: Caller, lineId: string, phone: string) {
  expect((await owner("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
  const checked = await owner("POST", `/lines/${lineId}/verify/check`, {
    code: twilio.sim.lastCode(phone),
    consentAttested: true,
  });
  expect(checked.status).toBe(200);
}

/** A completed call of `minutes` on the line, closed and metered as Twilio's final status callback does. */
async function talk(lineId: string, minutes: number) {
  await database.db.asService(async (tx) => {
    const [session] = await tx<{ id: string }[]>`
      insert into public.ultaura_call_sessions (account_id, line_id, direction, status, to_e164, started_at, answered_at)
      select account_id, id, 'outbound', 'in_progress', phone_e164, now(), now() from public.ultaura_lines where id = ${lineId}
      returning id`;
    const open = await lockOpenSession(tx, session?.id ?? "");
    if (!open) throw new Error("the call session is not open");
    await closeCallSession(tx, open, {
      status: "completed",
      seconds: minutes * 60,
      source: "twilio",
      answeredBy: null,
      endReason: null,
      sequence: null,
      closedBy: "twilio_status",
    });
  });
}

const minutesLeft = async (owner: Caller) => (await owner("GET", "/usage")).body.minutesRemaining;

describe("the free trial is bound to the number", () => {
  it("survives deleting and re-adding the line and a new account for the same number", async () => {
    const nana = phoneNumber();
    const first = await trialFamily("trial-first@example.com", nana);
    await verify(first.owner, first.lineId, nana);
    await talk(first.lineId, 12);
    expect(await minutesLeft(first.owner)).toBe(8);

    expect((await first.owner("DELETE", `/lines/${first.lineId}`)).status).toBe(204);
    const again = await addLine(first.owner, nana);
    expect(await minutesLeft(first.owner)).toBe(8);
    expect((await first.owner("DELETE", `/lines/${again}`)).status).toBe(204);

    const second = await trialFamily("trial-second@example.com", nana);
    expect(await minutesLeft(second.owner)).toBe(8);
    await verify(second.owner, second.lineId, nana);
    await talk(second.lineId, 8);
    expect(await minutesLeft(second.owner)).toBe(0);
    const refused = await second.owner("POST", `/lines/${second.lineId}/test-call`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("no_minutes");
    const tests = await database.db.sql`select 1 from public.ultaura_call_sessions where is_test`;
    expect(tests).toHaveLength(0);

    // Another person's number still has its own whole trial.
    const other = await trialFamily("trial-other@example.com", phoneNumber());
    expect(await minutesLeft(other.owner)).toBe(20);
  });

  it("keeps no number in clear, and no family member can read the record", async () => {
    const phone = phoneNumber();
    const family = await trialFamily("trial-clear@example.com", phone);
    await verify(family.owner, family.lineId, phone);
    await talk(family.lineId, 3);
    const rows = await database.db.sql<{ row: string }[]>`
      select t::text as row from public.ultaura_trial_numbers t`;
    expect(rows.length).toBeGreaterThan(0);
    const digits = phone.slice(1);
    for (const { row } of rows) {
      expect(row).not.toContain(digits);
      expect(row).not.toContain(Buffer.from(phone).toString("hex"));
    }
    const [owner] = await database.db.sql<{ user_id: string }[]>`
      select user_id from public.ultaura_account_members m join public.ultaura_lines l using (account_id)
      where l.id = ${family.lineId}`;
    const userId = owner?.user_id ?? "";
    for (const query of [
      "select * from public.ultaura_trial_numbers",
      "select * from public.ultaura_private_keys",
      `select public.ultaura_trial_number_key('${phone}')`,
    ]) {
      expect(await database.attempt({ userId }, query)).toMatchObject({ ok: false, code: "42501" });
      expect(await database.attempt("anon", query)).toMatchObject({ ok: false, code: "42501" });
    }
  });

  it("hashes with HMAC-SHA256 as RFC 4231 defines it", async () => {
    const [row] = await database.db.sql<{ short: string; long: string }[]>`
      select
        encode(public.ultaura_hmac_sha256('Jefe'::bytea, 'what do ya want for nothing?'::bytea), 'hex') as short,
        encode(public.ultaura_hmac_sha256(decode(repeat('aa', 131), 'hex'),
          'Test Using Larger Than Block-Size Key - Hash Key First'::bytea), 'hex') as long`;
    expect(row).toEqual({
      short: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      long: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    });
  });
});
