import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import {
  inboundCall,
  newCallSid,
  twilioTestApp,
  twilioTestEnv,
} from "../../tests/support/twilio-webhooks.ts";
import { verifyStreamToken } from "../_shared/contracts/signing/stream-token.ts";

const testDb = useTestDatabase();

async function counts() {
  const [row] = await testDb.db.sql<{ sessions: number; events: number; ledger: number }[]>`
    select (select count(*) from ultaura_call_sessions)::int as sessions,
           (select count(*) from ultaura_call_events)::int as events,
           (select count(*) from ultaura_minute_ledger)::int as ledger`;
  return row;
}

describe("functions/twilio", () => {
  beforeEach(() => testDb.resetData());

  describe("signature checks", () => {
    it.each([
      ["an unsigned webhook", "none" as const],
      ["a webhook signed with another token", { token: "not-the-auth-token" }],
      [
        "a webhook signed for another URL",
        { url: "https://attacker.example/functions/v1/twilio/voice/inbound" },
      ],
    ])("refuses %s with 403 and changes nothing", async (_label, sign) => {
      const { post } = twilioTestApp(testDb.db);
      const before = await counts();
      const response = await post("/twilio/voice/inbound", inboundCall(SEED.phones.rose), sign);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_signature" } });
      expect(await counts()).toEqual(before);
    });

    it("refuses a forged status callback without touching the ledger", async () => {
      const { post } = twilioTestApp(testDb.db);
      const before = await counts();
      const response = await post(
        "/twilio/status",
        { CallSid: newCallSid(), CallStatus: "completed", CallDuration: "600", SequenceNumber: "3" },
        { token: "guessed" },
      );
      expect(response.status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it("does not trust Host or X-Forwarded headers to rebuild the signed URL", async () => {
      const { app } = twilioTestApp(testDb.db);
      const response = await app.request("https://attacker.example/twilio/voice/inbound", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-host": "attacker.example",
        },
        body: new URLSearchParams(inboundCall(SEED.phones.rose)),
      });
      expect(response.status).toBe(403);
    });

    it("refuses malformed parameters on a correctly signed request with 400", async () => {
      const { post } = twilioTestApp(testDb.db);
      const before = await counts();
      const response = await post("/twilio/voice/inbound", {
        CallSid: "not-a-sid",
        From: SEED.phones.rose,
        To: "+1",
      });
      expect(response.status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it("refuses bodies over 64 KiB with 413", async () => {
      const { post } = twilioTestApp(testDb.db);
      const response = await post("/twilio/voice/inbound", {
        ...inboundCall(SEED.phones.rose),
        Padding: "x".repeat(70_000),
      });
      expect(response.status).toBe(413);
    });
  });

  describe("inbound calls", () => {
    it("connects the seeded line to its own media stream with a token bound to the session", async () => {
      const { post, prepared, settled } = twilioTestApp(testDb.db);
      const params = inboundCall(SEED.phones.rose);
      const response = await post("/twilio/voice/inbound", params);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/xml");
      const xml = await response.text();
      const match =
        /<Stream url="wss:\/\/bridge\.example\/media-stream\/([0-9a-f-]{36})"><Parameter name="token" value="([^"]+)"\/>/.exec(
          xml,
        );
      expect(match).not.toBeNull();
      const [, sessionId, token] = match as RegExpExecArray;
      const binding = {
        callSessionId: sessionId as string,
        callSid: params.CallSid,
        accountSid: twilioTestEnv.TWILIO_ACCOUNT_SID,
      };
      expect(await verifyStreamToken(twilioTestEnv.STREAM_TOKEN_SECRET, binding, token)).toEqual({
        ok: true,
      });
      // Bound to this call: the same token with another CallSid does not verify.
      expect(
        await verifyStreamToken(
          twilioTestEnv.STREAM_TOKEN_SECRET,
          { ...binding, callSid: newCallSid() },
          token,
        ),
      ).toEqual({ ok: false, reason: "mismatch" });
      expect(xml.endsWith("</Connect></Response>")).toBe(true);
      // The apology in her language rides along, so the Worker has it whatever else fails.
      expect(xml).toContain(
        '<Parameter name="apology" value="I&apos;m sorry, Rosie, I&apos;m having trouble',
      );
      expect(xml).toContain('<Parameter name="language" value="en-US"/>');

      const [session] = await testDb.db
        .sql`select * from ultaura_call_sessions where id = ${sessionId as string}`;
      expect(session).toMatchObject({
        line_id: SEED.lines.rose,
        account_id: SEED.accounts.demo,
        direction: "inbound",
        twilio_call_sid: params.CallSid,
      });
      await settled();
      expect(prepared).toEqual([`https://bridge.example/calls/${sessionId}/prepare`]);
    });

    it("answers a replayed webhook for an ended call with a plain hang-up: no <Stream>, no token", async () => {
      const { post, prepared, settled } = twilioTestApp(testDb.db);
      const params = inboundCall(SEED.phones.rose);
      expect(await (await post("/twilio/voice/inbound", params)).text()).toContain("<Stream");
      await settled();
      await testDb.db.sql`update ultaura_call_sessions set status = 'completed', ended_at = now()
        where twilio_call_sid = ${params.CallSid}`;
      const replay = await post("/twilio/voice/inbound", params);
      expect(replay.status).toBe(200);
      const xml = await replay.text();
      expect(xml).not.toContain("<Stream");
      expect(xml).not.toContain("token");
      expect(xml).toContain("<Hangup/>");
      await settled();
      expect(prepared).toHaveLength(1);
    });

    it("gives a retried webhook the same session", async () => {
      const { post } = twilioTestApp(testDb.db);
      const params = inboundCall(SEED.phones.rose);
      await post("/twilio/voice/inbound", params);
      await post("/twilio/voice/inbound", params);
      const sessions = await testDb.db
        .sql`select id from ultaura_call_sessions where twilio_call_sid = ${params.CallSid}`;
      expect(sessions).toHaveLength(1);
    });

    it("tells an unknown caller what Ultaura is, hangs up, and records it without a session", async () => {
      const { post } = twilioTestApp(testDb.db);
      const before = await counts();
      const params = inboundCall("+15555559876");
      const xml = await (await post("/twilio/voice/inbound", params)).text();
      expect(xml).toContain(`<Say language="en-US">Hello, you&apos;ve reached Ultaura`);
      expect(xml).toContain("isn&apos;t registered");
      expect(xml.endsWith("<Hangup/></Response>")).toBe(true);
      const after = await counts();
      expect(after?.sessions).toBe(before?.sessions);
      const events = await testDb.db
        .sql`select type from ultaura_call_events where twilio_call_sid = ${params.CallSid}`;
      expect(events).toEqual([{ type: "inbound.unknown_caller" }]);
    });

    it("tells a trial caller with no minutes left how to continue, and hangs up", async () => {
      const { post } = twilioTestApp(testDb.db);
      await testDb.db
        .sql`update ultaura_minute_ledger set billable_minutes = 20 where account_id = ${SEED.accounts.low}`;
      const xml = await (await post("/twilio/voice/inbound", inboundCall(SEED.phones.low))).text();
      expect(xml).toContain("free trial minutes have all been used");
      expect(xml).toContain("<Hangup/>");
      expect(xml).not.toContain("<Stream");
    });

    it("turns away a suspended account kindly, in the line's language (Maria: Spanish)", async () => {
      const { post } = twilioTestApp(testDb.db);
      await testDb.db.sql`update ultaura_accounts set status = 'suspended' where id = ${SEED.accounts.paid}`;
      const xml = await (await post("/twilio/voice/inbound", inboundCall(SEED.phones.paid))).text();
      expect(xml).toContain(
        '<Say language="es-US">Hola, Maria, le habla Ultaura. Las llamadas de esta cuenta',
      );
      expect(xml).not.toContain("<Stream");
    });
  });

  describe("outbound calls", () => {
    async function outboundSession(voicemail: "leave_message" | "hang_up" = "leave_message") {
      await testDb.db
        .sql`update ultaura_lines set voicemail_behavior = ${voicemail} where id = ${SEED.lines.rose}`;
      const [row] = await testDb.db.sql<{ id: string }[]>`
        insert into ultaura_call_sessions (account_id, line_id, direction, status, schedule_id)
        values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'outbound', 'queued', ${SEED.scheduleRoseDaily})
        returning id`;
      return row?.id as string;
    }
    const answered = (callSid: string, AnsweredBy?: string) => ({
      CallSid: callSid,
      From: twilioTestEnv.TWILIO_PHONE_NUMBER,
      To: SEED.phones.rose,
      CallStatus: "in-progress",
      Direction: "outbound-api",
      ...(AnsweredBy ? { AnsweredBy } : {}),
    });

    it("streams a person who answers, and keeps the CallSid", async () => {
      const { post } = twilioTestApp(testDb.db);
      const sessionId = await outboundSession();
      const callSid = newCallSid();
      const xml = await (
        await post(`/twilio/voice/outbound?sessionId=${sessionId}`, answered(callSid, "human"))
      ).text();
      expect(xml).toContain(`/media-stream/${sessionId}`);
      const [row] = await testDb.db
        .sql`select twilio_call_sid, answered_by from ultaura_call_sessions where id = ${sessionId}`;
      expect(row).toEqual({ twilio_call_sid: callSid, answered_by: "human" });
    });

    it("leaves a short message on an answering machine, never a conversation, and bills nothing", async () => {
      const { post } = twilioTestApp(testDb.db);
      const sessionId = await outboundSession("leave_message");
      const callSid = newCallSid();
      const xml = await (
        await post(`/twilio/voice/outbound?sessionId=${sessionId}`, answered(callSid, "machine_end_beep"))
      ).text();
      expect(xml).toContain("this is Ultaura calling for Rosie");
      expect(xml).not.toContain("<Stream");
      await post(`/twilio/status?sessionId=${sessionId}`, {
        CallSid: callSid,
        CallStatus: "completed",
        CallDuration: "14",
        SequenceNumber: "3",
      });
      const [entry] = await testDb.db
        .sql`select billable_minutes from ultaura_minute_ledger where call_session_id = ${sessionId}`;
      expect(entry).toEqual({ billable_minutes: 0 });
      const [session] = await testDb.db
        .sql`select end_reason from ultaura_call_sessions where id = ${sessionId}`;
      expect(session).toEqual({ end_reason: "voicemail" });
      const [schedule] = await testDb.db
        .sql`select last_result from ultaura_schedules where id = ${SEED.scheduleRoseDaily}`;
      expect(schedule).toEqual({ last_result: "voicemail" });
    });

    it("hangs up on a machine when the line says so", async () => {
      const { post } = twilioTestApp(testDb.db);
      const sessionId = await outboundSession("hang_up");
      const xml = await (
        await post(`/twilio/voice/outbound?sessionId=${sessionId}`, answered(newCallSid(), "machine_start"))
      ).text();
      expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
    });

    it("accounts for a call nobody answered through the session id in the callback URL", async () => {
      const { post } = twilioTestApp(testDb.db);
      const sessionId = await outboundSession();
      const callSid = newCallSid();
      await post(`/twilio/status?sessionId=${sessionId}`, {
        CallSid: callSid,
        CallStatus: "no-answer",
        SequenceNumber: "2",
      });
      const [row] = await testDb.db
        .sql`select status, end_reason, twilio_call_sid from ultaura_call_sessions where id = ${sessionId}`;
      expect(row).toEqual({ status: "no_answer", end_reason: "no_answer", twilio_call_sid: callSid });
      const [schedule] = await testDb.db
        .sql`select last_result from ultaura_schedules where id = ${SEED.scheduleRoseDaily}`;
      expect(schedule).toEqual({ last_result: "no_answer" });
    });

    it("refuses an unknown or inbound session id", async () => {
      const { post } = twilioTestApp(testDb.db);
      const unknown = await post(
        "/twilio/voice/outbound?sessionId=00000000-0000-4000-8000-000000000000",
        answered(newCallSid()),
      );
      expect(unknown.status).toBe(404);
      const malformed = await post("/twilio/voice/outbound?sessionId=nope", answered(newCallSid()));
      expect(malformed.status).toBe(400);
    });
  });

  describe("status callbacks and metering", () => {
    async function startInbound(from: string) {
      const { post } = twilioTestApp(testDb.db);
      const params = inboundCall(from);
      await post("/twilio/voice/inbound", params);
      return { post, callSid: params.CallSid };
    }
    const status = (
      callSid: string,
      CallStatus: string,
      SequenceNumber: number,
      extra: Record<string, string> = {},
    ) => ({
      CallSid: callSid,
      CallStatus,
      SequenceNumber: String(SequenceNumber),
      ...extra,
    });

    it("meters one ledger entry from duplicated, out-of-order callbacks", async () => {
      const { post, callSid } = await startInbound(SEED.phones.rose);
      const completed = status(callSid, "completed", 3, { CallDuration: "125" });
      for (const params of [
        completed,
        status(callSid, "in-progress", 1),
        completed,
        status(callSid, "ringing", 0),
        completed,
      ]) {
        expect((await post("/twilio/status", params)).status).toBe(204);
      }
      const ledger = await testDb.db.sql`
        select l.billable_minutes, l.overage_minutes, l.billable_type, l.seconds_connected
        from ultaura_minute_ledger l join ultaura_call_sessions s on s.id = l.call_session_id
        where s.twilio_call_sid = ${callSid}`;
      expect(ledger).toEqual([
        { billable_minutes: 3, overage_minutes: 0, billable_type: "trial", seconds_connected: 125 },
      ]);
      const [session] = await testDb.db
        .sql`select status, seconds_connected, ended_at from ultaura_call_sessions where twilio_call_sid = ${callSid}`;
      expect(session).toMatchObject({ status: "completed", seconds_connected: 125 });
      expect(session?.ended_at).toBeInstanceOf(Date);
    });

    it("splits a paid call at the included boundary and queues only the overage for Stripe", async () => {
      const { post, callSid } = await startInbound(SEED.phones.paid);
      await post("/twilio/status", status(callSid, "completed", 2, { CallDuration: "540" }));
      const [entry] = await testDb.db.sql`
        select l.billable_minutes, l.overage_minutes, l.billable_type, l.stripe_report_status
        from ultaura_minute_ledger l join ultaura_call_sessions s on s.id = l.call_session_id
        where s.twilio_call_sid = ${callSid}`;
      expect(entry).toEqual({
        billable_minutes: 9,
        overage_minutes: 4,
        billable_type: "overage",
        stripe_report_status: "pending",
      });
    });

    it("meters concurrent deliveries of the final callback once", async () => {
      const { post, callSid } = await startInbound(SEED.phones.paid);
      const completed = status(callSid, "completed", 4, { CallDuration: "61" });
      const responses = await Promise.all(Array.from({ length: 5 }, () => post("/twilio/status", completed)));
      expect(responses.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
      const ledger = await testDb.db.sql`
        select l.billable_minutes from ultaura_minute_ledger l join ultaura_call_sessions s on s.id = l.call_session_id
        where s.twilio_call_sid = ${callSid}`;
      expect(ledger).toEqual([{ billable_minutes: 2 }]);
    });

    it("acknowledges callbacks for calls it does not know without writing anything", async () => {
      const { post } = twilioTestApp(testDb.db);
      const before = await counts();
      const response = await post(
        "/twilio/status",
        status(newCallSid(), "completed", 3, { CallDuration: "100" }),
      );
      expect(response.status).toBe(204);
      expect(await counts()).toEqual(before);
    });
  });
});
