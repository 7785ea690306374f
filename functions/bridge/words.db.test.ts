import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  startLiveSession,
  TEST_KEK,
  testBridgeApp,
  useBridgeApp,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";
import { KEYPAD } from "../_shared/contracts/keypad.ts";
import { callPhrases, copyFor, type Language } from "../_shared/domain/copy/index.ts";

/**
 * What functions/bridge hands out in words, for an English and a Spanish line: the Worker's phrases and
 * apology in the call context, the transcript backstop's hint, and the trusted contacts' safety SMS.
 */
const t = useTestDatabase();
const twilio = useTwilioSimulator();
const bridge = useBridgeApp(t, { twilio });

const LANGUAGES: { tag: string; language: Language; notOther: RegExp }[] = [
  { tag: "en-US", language: "en", notOther: /Lo siento|Hola|Pregúntale|alerta/ },
  { tag: "es-US", language: "es", notOther: /I'm sorry|Hello|Gently|alert:/ },
];

describe.each(LANGUAGES)("a line in $tag", ({ tag, language, notOther }) => {
  async function roseCall() {
    await t.db.sql`update ultaura_lines set language = ${tag} where id = ${SEED.lines.rose}`;
    return startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
  }

  it("gets the Worker's phrases and apology in its language, with the keypad's digits", async () => {
    const session = await roseCall();
    const context = await (await bridgePost(bridge.app, `sessions/${session}/context`, {})).json();
    expect(context.language).toBe(tag);
    expect(context.apology).toBe(copyFor(language).call.apology("Rosie"));
    expect(context.apology).not.toMatch(notOther);
    expect(context.phrases).toEqual(callPhrases(language, "Rosie", true));
    const phrases = context.phrases as Record<string, string>;
    expect(phrases.help).toContain(`${KEYPAD.repeat}`);
    expect(phrases.optOutConfirm).toContain(`${KEYPAD.optOut}`);
  });

  it("counts a capped paid account down in the family's limit's words, not the trial's", async () => {
    await t.db.sql`update ultaura_lines set language = ${tag} where id = ${SEED.lines.paid}`;
    await t.db.sql`update ultaura_accounts set spending_cap_cents = 1000 where id = ${SEED.accounts.paid}`;
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    const context = await (await bridgePost(bridge.app, `sessions/${session}/context`, {})).json();
    expect(context.minutes).toMatchObject({ planKind: "paid", hardCutoff: true });
    const call = copyFor(language).call;
    expect(context.phrases).toMatchObject({
      lowMinutes: call.capLowMinutes,
      minutesGoodbye: call.capGoodbye,
    });
    const instructions = context.instructions as string;
    expect(instructions).toMatch(language === "es" ? /límite de gasto mensual/ : /monthly spending limit/);
    expect(instructions).not.toMatch(/free trial|prueba gratuita/);
  });

  it("is asked to confirm a spoken opt-out, and said goodbye to, in its language", async () => {
    const session = await roseCall();
    const call = copyFor(language).call;
    const ask = await callTool(bridge.app, session, "request_opt_out", { confirmed: false });
    expect(ask.body.output).toMatchObject({ ok: false, reason: "needs_confirmation", say: call.optOutAsk });
    const confirmed = await callTool(bridge.app, session, "request_opt_out", { confirmed: true });
    expect(confirmed.body).toMatchObject({ followUp: call.optOutGoodbye, endCall: true });
    expect(confirmed.body.followUp).toBe(callPhrases(language, "Rosie", false).optOutGoodbye);
  });

  it("gets the safety backstop's hint in its language", async () => {
    const session = await roseCall();
    const said = language === "es" ? "Ya no quiero vivir" : "I don't want to live anymore";
    const { hint } = await (
      await bridgePost(bridge.app, `sessions/${session}/transcript`, { text: said })
    ).json();
    expect(hint).toBe(copyFor(language).safety.hints.high);
  });

  it("texts the trusted contacts the emergency in its language, with the line's local time", async () => {
    // 18:05 UTC is 10:05 in Los Angeles (PST), Rose's zone.
    const app = testBridgeApp(t.db, TEST_KEK, twilio.url, { now: () => new Date("2026-03-03T18:05:00Z") });
    const session = await roseCall();
    const said = language === "es" ? "Me caí y no me puedo levantar" : "I fell and I can't get up";
    const { hint } = await (await bridgePost(app, `sessions/${session}/transcript`, { text: said })).json();
    const copy = copyFor(language);
    expect(hint).toBe(copy.safety.hints.emergency);
    const messages = twilio.sim.messages();
    expect(messages.map((m) => m.to)).toEqual([SEED.phones.daniel]);
    const body = messages[0]?.body ?? "";
    expect(body).toContain(`Rosie ${copy.safety.emergencySaid.fall}`);
    expect(body).toContain("10:05");
    expect(body).not.toMatch(notOther);
  });

  it("texts the trusted contacts in its language on a high-tier concern", async () => {
    const session = await roseCall();
    const result = await callTool(bridge.app, session, "log_safety_concern", {
      tier: "high",
      signals: ["hopelessness"],
      actionTaken: "suggested_988",
    });
    expect(result.body.output).toMatchObject({ ok: true, contactsAlerted: 1 });
    const messages = twilio.sim.messages();
    expect(messages.map((m) => [m.to, m.body])).toEqual([
      [SEED.phones.daniel, copyFor(language).sms.safetyAlert("Rosie")],
    ]);
    expect(messages[0]?.body).not.toMatch(notOther);
  });
});
