import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import {
  inboundCall,
  newCallSid,
  twilioTestApp,
  twilioTestEnv,
} from "../../tests/support/twilio-webhooks.ts";
import { escapeXml } from "../_shared/contracts/twiml.ts";
import { copyFor, type Language } from "../_shared/domain/copy/index.ts";

/**
 * Every sentence Twilio speaks for us (<Say>) and the apology handed to the Worker (prepare request and
 * <Stream> parameters), in both languages:
 * the words come from the line's language and are spoken with a voice of that language.
 */
const testDb = useTestDatabase();

const LANGUAGES: { tag: string; language: Language; hello: RegExp; notHello: RegExp }[] = [
  { tag: "en-US", language: "en", hello: /Hello/, notHello: /Hola|Adiós/ },
  { tag: "es-US", language: "es", hello: /Hola/, notHello: /Hello|Goodbye/ },
];

/** The <Say> elements of a TwiML answer as [language attribute, text] pairs. */
function says(xml: string): [string | null, string][] {
  return [...xml.matchAll(/<Say(?: language="([^"]*)")?>([^<]*)<\/Say>/g)].map((m) => [
    m[1] ?? null,
    m[2] ?? "",
  ]);
}

/** The <Parameter>s of a <Stream>, by name (values as escaped in the XML). */
function streamParameters(xml: string): Record<string, string> {
  return Object.fromEntries(
    [...xml.matchAll(/<Parameter name="([^"]*)" value="([^"]*)"\/>/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
}

const inLanguage = (tag: string, sentences: string[]) =>
  sentences.map((sentence): [string, string] => [tag, escapeXml(sentence)]);

const setLanguage = (lineId: string, tag: string) =>
  testDb.db.sql`update ultaura_lines set language = ${tag} where id = ${lineId}`;

const answered = (callSid: string, to: string, AnsweredBy?: string) => ({
  CallSid: callSid,
  From: twilioTestEnv.TWILIO_PHONE_NUMBER,
  To: to,
  CallStatus: "in-progress",
  Direction: "outbound-api",
  ...(AnsweredBy ? { AnsweredBy } : {}),
});

async function outboundSession(accountId: string, lineId: string) {
  const [row] = await testDb.db.sql<{ id: string }[]>`
    insert into ultaura_call_sessions (account_id, line_id, direction, status)
    values (${accountId}, ${lineId}, 'outbound', 'queued') returning id`;
  return row?.id as string;
}

/** Twilio's webhook for a call placed on `sessionId` that `to` answered (`answeredBy`: human or machine); the TwiML. */
async function answerOutbound(
  post: ReturnType<typeof twilioTestApp>["post"],
  sessionId: string,
  to: string,
  answeredBy: string,
) {
  return (
    await post(`/twilio/voice/outbound?sessionId=${sessionId}`, answered(newCallSid(), to, answeredBy))
  ).text();
}

/** Maria's care plan with a $10 cap (66 overage minutes at 15 ¢) and all of it used. */
async function reachSpendingCap() {
  await testDb.db.sql`update ultaura_accounts set spending_cap_cents = 1000 where id = ${SEED.accounts.paid}`;
  await testDb.db.sql`
    update ultaura_minute_ledger set billable_minutes = 140, overage_minutes = 70, billable_type = 'overage',
      stripe_report_status = 'pending'
    where id = '71000000-0000-4000-8000-000000000004'`;
}

const useUpTrial = () =>
  testDb.db
    .sql`update ultaura_minute_ledger set billable_minutes = 20 where account_id = ${SEED.accounts.low}`;

describe("what callers hear from Twilio", () => {
  beforeEach(() => testDb.resetData());

  describe.each(LANGUAGES)("a line in $tag", ({ tag, language, hello, notHello }) => {
    const phone = copyFor(language).phone;

    it("hears the trial-used-up refusal on an inbound call in its own language and voice", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.low, tag);
      await useUpTrial();
      const xml = await (await post("/twilio/voice/inbound", inboundCall(SEED.phones.low))).text();
      expect(says(xml)).toEqual(inLanguage(tag, phone.trialUsedUp("Walter")));
      expect(xml).toMatch(hello);
      expect(xml).not.toMatch(notHello);
      expect(xml.endsWith("<Hangup/></Response>")).toBe(true);
    });

    it("hears the account-inactive refusal in its own language and voice", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.paid, tag);
      await testDb.db.sql`update ultaura_accounts set status = 'canceled' where id = ${SEED.accounts.paid}`;
      const xml = await (await post("/twilio/voice/inbound", inboundCall(SEED.phones.paid))).text();
      expect(says(xml)).toEqual(inLanguage(tag, phone.accountInactive("Maria")));
      expect(xml).toMatch(hello);
      expect(xml).not.toMatch(notHello);
    });

    it("leaves the voicemail message in its own language and voice", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.paid, tag);
      await testDb.db
        .sql`update ultaura_lines set voicemail_behavior = 'leave_message' where id = ${SEED.lines.paid}`;
      const sessionId = await outboundSession(SEED.accounts.paid, SEED.lines.paid);
      const xml = await answerOutbound(post, sessionId, SEED.phones.paid, "machine_end_beep");
      expect(says(xml)).toEqual(inLanguage(tag, phone.voicemail("Maria")));
      expect(xml).toMatch(hello);
      expect(xml).not.toMatch(notHello);
    });

    it("hears the trial-used-up message when it answers a call placed after the minutes ran out", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.low, tag);
      await useUpTrial();
      const sessionId = await outboundSession(SEED.accounts.low, SEED.lines.low);
      const xml = await answerOutbound(post, sessionId, SEED.phones.low, "human");
      expect(says(xml)).toEqual(inLanguage(tag, phone.trialUsedUp("Walter")));
    });

    it("hears the spending-cap refusal on an inbound call, in its own language and voice", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.paid, tag);
      await reachSpendingCap();
      const params = inboundCall(SEED.phones.paid);
      const xml = await (await post("/twilio/voice/inbound", params)).text();
      expect(says(xml)).toEqual(inLanguage(tag, phone.spendingCapReached("Maria")));
      expect(xml).toMatch(hello);
      expect(xml).not.toMatch(notHello);
      const events = await testDb.db
        .sql`select type from ultaura_call_events where twilio_call_sid = ${params.CallSid}`;
      expect(events).toEqual([{ type: "inbound.spending_cap_reached" }]);
    });

    it("hears the spending-cap message when it answers a call placed after the cap was reached", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.paid, tag);
      await reachSpendingCap();
      const sessionId = await outboundSession(SEED.accounts.paid, SEED.lines.paid);
      const xml = await answerOutbound(post, sessionId, SEED.phones.paid, "human");
      expect(says(xml)).toEqual(inLanguage(tag, phone.spendingCapReached("Maria")));
    });

    it("hands the Worker the apology in its language when an inbound call is connected", async () => {
      const { post, preparedBody } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.rose, tag);
      const xml = await (await post("/twilio/voice/inbound", inboundCall(SEED.phones.rose))).text();
      expect(streamParameters(xml)).toMatchObject({
        apology: escapeXml(copyFor(language).call.apology("Rosie")),
        language: tag,
      });
      expect(await preparedBody()).toMatchObject({
        apology: copyFor(language).call.apology("Rosie"),
        language: tag,
      });
    });

    it("hands the Worker the apology in its language when an outbound call is answered", async () => {
      const { post, preparedBody } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.paid, tag);
      const sessionId = await outboundSession(SEED.accounts.paid, SEED.lines.paid);
      const xml = await answerOutbound(post, sessionId, SEED.phones.paid, "human");
      expect(streamParameters(xml)).toMatchObject({
        apology: escapeXml(copyFor(language).call.apology("Maria")),
        language: tag,
      });
      expect(await preparedBody()).toEqual({
        callSessionId: sessionId,
        apology: copyFor(language).call.apology("Maria"),
        language: tag,
      });
    });

    it("hears the fallback apology in its language when the call's session is known", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.paid, tag);
      const sessionId = await outboundSession(SEED.accounts.paid, SEED.lines.paid);
      const callSid = newCallSid();
      await testDb.db
        .sql`update ultaura_call_sessions set twilio_call_sid = ${callSid} where id = ${sessionId}`;
      const xml = await (
        await post("/twilio/voice/fallback", {
          ...answered(callSid, SEED.phones.paid),
          ErrorCode: "11200",
          ErrorUrl: `${twilioTestEnv.FUNCTIONS_PUBLIC_URL}/twilio/voice/outbound`,
        })
      ).text();
      expect(says(xml)).toEqual(inLanguage(tag, phone.unavailable));
    });

    it("hears the fallback apology in its language on an inbound call that never got a session", async () => {
      const { post } = twilioTestApp(testDb.db);
      await setLanguage(SEED.lines.rose, tag);
      const params = { ...inboundCall(SEED.phones.rose), ErrorCode: "11200" };
      const xml = await (await post("/twilio/voice/fallback", params)).text();
      expect(says(xml)).toEqual(inLanguage(tag, phone.unavailable));
      const events = await testDb.db
        .sql`select type, payload from ultaura_call_events where twilio_call_sid = ${params.CallSid}`;
      expect(events).toEqual([{ type: "voice.fallback", payload: { errorCode: "11200", errorUrl: null } }]);
    });
  });

  describe("a caller whose line we do not know", () => {
    const everyLanguage = (pick: (language: Language) => string[]) => [
      ...inLanguage("en-US", pick("en")),
      ...inLanguage("es-US", pick("es")),
    ];

    it("hears what Ultaura is in English, then in Spanish, each in its own voice", async () => {
      const { post } = twilioTestApp(testDb.db);
      const xml = await (await post("/twilio/voice/inbound", inboundCall("+15555559876"))).text();
      expect(says(xml)).toEqual(everyLanguage((language) => copyFor(language).phone.unknownCaller));
      expect(xml.endsWith("<Hangup/></Response>")).toBe(true);
    });

    it("hears the fallback apology in both languages when no line matches", async () => {
      const { post } = twilioTestApp(testDb.db);
      const xml = await (await post("/twilio/voice/fallback", inboundCall("+15555559876"))).text();
      expect(says(xml)).toEqual(everyLanguage((language) => copyFor(language).phone.unavailable));
    });

    it("hears the fallback apology in both languages when the database is down", async () => {
      const down = { ...testDb.db, asService: () => Promise.reject(new Error("connection refused")) };
      const { post } = twilioTestApp(down);
      const response = await post("/twilio/voice/fallback", inboundCall(SEED.phones.rose));
      expect(response.status).toBe(200);
      expect(says(await response.text())).toEqual(
        everyLanguage((language) => copyFor(language).phone.unavailable),
      );
    });
  });
});
