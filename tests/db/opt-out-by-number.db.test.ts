import { describe, expect, it } from "vitest";
import {
  type ApiTestApp,
  bridgePost,
  phoneNumber,
  startLiveSession,
  useFileBridgeApp,
  useSimulatedApi,
  useTestDatabase,
} from "../support/kit.ts";

/**
 * Issue 21, "stop calling me" kept by number (migration 0027): through functions/api with Twilio's Verify
 * and Upstash simulated over HTTP, an opt-out outlives its line, follows its number onto any line of any
 * family, stops codes, test calls and the dialler, and only the owner's re-enable (with a note) clears it —
 * after which the next call tells the person.
 */
const t = useTestDatabase();
const { twilio, api } = useSimulatedApi(t, { resetData: true, twilio: { timeScale: 0.01 } });
const bridge = useFileBridgeApp(t, twilio);
let families = 0;

/** A new family on the two-line Comfort plan, with a line on `phone` verified by the simulator's code. */
async function family(phone: string) {
  families += 1;
  const session = await api.signUp(`optout${families}-${Date.now()}@example.com`);
  const owner = api.request(session.access_token);
  const account = await owner("POST", "/accounts", { name: `Opt-out family ${families}` });
  expect(account.status).toBe(201);
  await t.db.sql`update public.ultaura_accounts set plan_id = 'comfort' where id = ${account.body.id}`;
  const line = await addLine(owner, phone);
  expect(line.status).toBe(201);
  const lineId = String(line.body.id);
  expect((await owner("POST", `/lines/${lineId}/verify/send`, { channel: "sms" })).status).toBe(202);
  const checked = await owner("POST", `/lines/${lineId}/verify/check`, {
    code: twilio.sim.lastCode(phone),
    consentAttested: true,
  });
  expect(checked.status).toBe(200);
  return { owner, accountId: String(account.body.id), lineId };
}

const addLine = (call: ReturnType<ApiTestApp["request"]>, phone: string) =>
  call("POST", "/lines", { displayName: "Ada", phone, timezone: "America/Chicago" });

/** The person says "stop calling me" on a call (the bridge's opt-out path records it as voice). */
async function optOut(accountId: string, lineId: string) {
  await t.db.sql`insert into public.ultaura_opt_outs (account_id, line_id, source)
                 values (${accountId}, ${lineId}, 'voice')`;
}

/** Pretends the line was verified (the API will not send a code to it): the dialler must refuse by itself. */
async function markVerified(lineId: string) {
  await t.db.sql`update public.ultaura_lines set phone_verified_at = now() where id = ${lineId}`;
}

const codesTo = (phone: string) => twilio.sim.verificationCodes(phone).length;

describe("an opt-out is kept by number", () => {
  it("survives deleting and re-adding the line: no code, no test call, until the owner re-enables; then the person is told", async () => {
    const phone = phoneNumber();
    const { owner, accountId, lineId } = await family(phone);
    await optOut(accountId, lineId);
    expect((await owner("DELETE", `/lines/${lineId}`)).status).toBe(204);
    const [kept] = await t.db.sql`
      select line_id, phone_e164, resolved_at from public.ultaura_opt_outs where account_id = ${accountId}`;
    expect(kept).toEqual({ line_id: null, phone_e164: phone, resolved_at: null });

    const readded = await addLine(owner, phone);
    expect(readded.body).toMatchObject({ doNotCall: true });
    const newLine = String(readded.body.id);
    const codes = codesTo(phone);
    const send = await owner("POST", `/lines/${newLine}/verify/send`, { channel: "sms" });
    expect(send.status).toBe(409);
    expect(send.body.error.code).toBe("number_opted_out");
    expect(codesTo(phone)).toBe(codes);

    await markVerified(newLine);
    const dialled = twilio.sim.calls().length;
    const test = await owner("POST", `/lines/${newLine}/test-call`, { ignoreQuietHours: true });
    expect(test.status).toBe(409);
    expect(test.body.error.code).toBe("opt_out");
    expect(twilio.sim.calls().length).toBe(dialled);
    // Even with the flag forced off behind the API's back, the record holds.
    await t.db.sql`update public.ultaura_lines set do_not_call = false where id = ${newLine}`;
    const [flag] = await t.db.sql`select do_not_call from public.ultaura_lines where id = ${newLine}`;
    expect(flag?.do_not_call).toBe(true);

    const reenabled = await owner("POST", `/lines/${newLine}/reenable-calls`, {
      confirmPersonAgreed: true,
      note: "Ada rang us and asked for the calls again",
    });
    expect(reenabled.status).toBe(200);
    expect(reenabled.body).toMatchObject({ doNotCall: false });
    const session = await startLiveSession(t.db, { accountId, lineId: newLine });
    const { response } = await bridgePost(bridge.app, `sessions/${session}/context`, {});
    expect(((await response.json()) as { instructions: string }).instructions).toContain(
      "turned them back on",
    );
  });

  it("survives the two-line shuffle and follows the number onto another family's line", async () => {
    const phone = phoneNumber();
    const next = phoneNumber();
    const { owner, accountId, lineId } = await family(phone);
    await optOut(accountId, lineId);

    // A member can no longer move the number; the owner can, and the stop goes with the person's line…
    const sessionM = await api.signUpMember(accountId, `shuffle-member-${Date.now()}@example.com`);
    const member = api.request(sessionM.access_token);
    expect((await member("PATCH", `/lines/${lineId}`, { phone: next })).status).toBe(403);
    const moved = await owner("PATCH", `/lines/${lineId}`, { phone: next });
    expect(moved.body).toMatchObject({ doNotCall: true });
    // …and the original number, added again on a second line by a member, is stopped too.
    const second = await addLine(member, phone);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ doNotCall: true });
    expect(
      (await member("POST", `/lines/${String(second.body.id)}/verify/send`, { channel: "sms" })).status,
    ).toBe(409);

    // Another family cannot reach the number either, and re-enabling there does not clear this family's stop.
    const other = await family(phoneNumber());
    await t.db.sql`update public.ultaura_accounts set plan_id = 'family' where id = ${other.accountId}`;
    const theirs = await addLine(other.owner, phone);
    expect(theirs.body).toMatchObject({ doNotCall: true });
    const theirId = String(theirs.body.id);
    const foreign = await other.owner("POST", `/lines/${theirId}/reenable-calls`, {
      confirmPersonAgreed: true,
      note: "We are her neighbours",
    });
    expect(foreign.status).toBe(200);
    const [still] = await t.db.sql`select do_not_call from public.ultaura_lines where id = ${theirId}`;
    expect(still?.do_not_call).toBe(true);
    await markVerified(theirId);
    const attempt = await other.owner("POST", `/lines/${theirId}/test-call`, { ignoreQuietHours: true });
    expect(attempt.body.error.code).toBe("opt_out");
  });
});
