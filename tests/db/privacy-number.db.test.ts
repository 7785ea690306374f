import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  type ApiTestApp,
  bridgePost,
  callTool,
  phoneNumber,
  startLiveSession,
  useFileBridgeApp,
  useSimulatedApi,
  useTestDatabase,
} from "../support/kit.ts";

/**
 * Issue 21, "privacy follows the person's verified number": a relative repoints Rose's line to their own
 * phone, verifies it with the code their phone receives and is called — through functions/api (Twilio's
 * Verify and Upstash simulated over HTTP) and functions/bridge (the call's context and `recall_memory`).
 * Rose's health note ("cardiology", private) was told on her own number and stays there.
 */
const t = useTestDatabase();
const { twilio, api } = useSimulatedApi(t, { resetData: true, twilio: { timeScale: 0.01 } });
const bridge = useFileBridgeApp(t, twilio);

const RELATIVE_PHONE = phoneNumber();

/** What the model is given on a call we place to Rose's line now (the Worker's context request). */
async function callContext() {
  const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
  const { response } = await bridgePost(bridge.app, `sessions/${session}/context`, {});
  expect(response.status).toBe(200);
  const body = (await response.json()) as { instructions: string };
  return { session, instructions: body.instructions };
}

async function recall(session: string, topic: string) {
  const result = await callTool(bridge.app, session, "recall_memory", { topic });
  return (result.body.output.memories ?? []).map((memory) => memory.text);
}

async function verify(call: ReturnType<ApiTestApp["request"]>, phone: string) {
  expect((await call("POST", `/lines/${SEED.lines.rose}/verify/send`, { channel: "sms" })).status).toBe(202);
  const checked = await call("POST", `/lines/${SEED.lines.rose}/verify/check`, {
    code: twilio.sim.lastCode(phone),
    consentAttested: true,
  });
  expect(checked.status).toBe(200);
}

describe("privacy follows the person's verified number", () => {
  it("a member cannot repoint the line, through the API or straight through REST", async () => {
    const session = await api.signUpMember(SEED.accounts.demo, "privacy-member@example.com");
    const member = api.request(session.access_token);
    const refused = await member("PATCH", `/lines/${SEED.lines.rose}`, { phone: RELATIVE_PHONE });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("owner_only");

    const claims = { sub: session.user.id, role: "authenticated" as const, aud: "authenticated" };
    await expect(
      t.db.asUser(
        claims,
        (tx) =>
          tx`update public.ultaura_lines set phone_e164 = ${RELATIVE_PHONE} where id = ${SEED.lines.rose}`,
      ),
    ).rejects.toMatchObject({ code: "42501" });
    const [line] = await t.db.sql`select phone_e164 from public.ultaura_lines where id = ${SEED.lines.rose}`;
    expect(line?.phone_e164).toBe(SEED.phones.rose);
  });

  it("after the owner repoints and verifies: no private memory or health note, in context or recall; back once Rose's number is verified again", async () => {
    const before = await callContext();
    expect(before.instructions).toContain("cardiology");

    const owner = api.request((await api.signIn(SEED.users.demo.email)).access_token);
    const textsBefore = twilio.sim.messages().length;
    const changed = await owner("PATCH", `/lines/${SEED.lines.rose}`, { phone: RELATIVE_PHONE });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ phone: RELATIVE_PHONE, phoneVerified: false });

    // Every member reads it in the app; Daniel (trusted contact, opted in to texts) gets a text.
    const notices = await owner("GET", `/lines/${SEED.lines.rose}/notices`);
    expect(notices.body.items).toEqual([
      expect.objectContaining({
        kind: "number_changed",
        oldPhone: SEED.phones.rose,
        newPhone: RELATIVE_PHONE,
        changedByUserId: SEED.users.demo.id,
      }),
    ]);
    const texts = twilio.sim.messages().slice(textsBefore);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ to: SEED.phones.daniel });
    expect(JSON.stringify(texts[0])).toContain(`ending in ${RELATIVE_PHONE.slice(-4)}`);

    // Calls pause until the new number is verified: "Call now" is refused.
    expect((await owner("POST", `/lines/${SEED.lines.rose}/test-call`, {})).status).toBe(409);

    await verify(owner, RELATIVE_PHONE);
    const repointed = await callContext();
    expect(repointed.instructions).not.toContain("cardiology");
    expect(await recall(repointed.session, "cardiology appointment")).toEqual([]);

    // Even a yes to "may I remember?" on the new phone brings back only what was never private.
    expect((await callTool(bridge.app, repointed.session, "grant_memory_consent", {})).status).toBe(200);
    const agreed = await callContext();
    expect(agreed.instructions).toContain("dahlias");
    expect(agreed.instructions).not.toContain("cardiology");
    expect(await recall(agreed.session, "cardiology appointment")).toEqual([]);
    expect(await recall(agreed.session, "dahlias garden")).toEqual([expect.stringContaining("dahlias")]);

    // Back on Rose's own number, verified again: her private note is there for her.
    expect((await owner("PATCH", `/lines/${SEED.lines.rose}`, { phone: SEED.phones.rose })).status).toBe(200);
    await verify(owner, SEED.phones.rose);
    const restored = await callContext();
    expect(restored.instructions).toContain("cardiology");
    expect(await recall(restored.session, "cardiology appointment")).toEqual([
      expect.stringContaining("cardiology"),
    ]);
  });
});
