import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { WebSocket } from "ws";
import { SEED } from "../../supabase/seed-ids.ts";
import { connectedMessage, heardTimeline, silenceAfter, startMessage } from "../support/kit.ts";
import { simulators } from "../support/simulators.ts";

const { urls, databaseUrl, env } = inject("stack");
const sim = simulators(urls);
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

/** The person's speech, on the stream's clock: the summary's windows are on the call's clock. */
const streamClock = (callMs: number, openedAtCallMs: number | null) => callMs - (openedAtCallMs ?? 0);

describe("calls through the whole stack (Twilio sim → functions → Worker → Grok sim)", () => {
  it("greets within 1.5 s of the stream starting, and clears Twilio's buffer within 300 ms of barge-in", async () => {
    const summary = await sim.call({ from: SEED.phones.paid, seconds: 8, speak: "1.2-3" });
    const [stream] = summary.streams;
    expect(stream?.handshakeError).toBeNull();
    expect(summary.firstAudioLatencyMs).not.toBeNull();
    expect(summary.firstAudioLatencyMs as number).toBeLessThan(1_500);
    const speechStarted = streamClock(1_200, stream?.openedAtCallMs ?? null);
    const clear = stream?.clearsAtMs.find((at) => at >= speechStarted);
    expect(clear, `clears at ${stream?.clearsAtMs}`).toBeDefined();
    expect((clear as number) - speechStarted).toBeLessThan(300);
    expect(summary.endedBy).toBe("person");
  });

  it("records an opt-out on 9 then 9, says goodbye and ends the call", async () => {
    const summary = await sim.call({ from: SEED.phones.rose, seconds: 30, dtmf: "9@4,9@7" });
    expect(summary.endedBy).toBe("server");
    expect(summary.durationSeconds).toBeLessThan(30);
    const [line] = await sql`select do_not_call from ultaura_lines where id = ${SEED.lines.rose}`;
    expect(line).toEqual({ do_not_call: true });
    const optOuts = await sql`select source from ultaura_opt_outs where line_id = ${SEED.lines.rose}`;
    expect(optOuts).toContainEqual({ source: "dtmf" });
  });

  it("cuts a trial with one minute left off after that minute and a spoken goodbye (a 5-second test minute)", async () => {
    // The stack runs the countdown on BRIDGE_MINUTE_SECONDS=5 (tests/support/stack-global-setup.ts). The
    // caller keeps chatting, so only the minutes (not the silence check-ins) can end the call.
    const chatting = "1.5-2.5,3.5-4.5,5.5-6.5,7.5-8.5,9.5-10.5";
    const summary = await sim.call({ from: SEED.phones.low, seconds: 60, speak: chatting });
    expect(summary.endedBy).toBe("server");
    expect(summary.durationSeconds).toBeGreaterThanOrEqual(5);
    // The minute, then at most the goodbye's deadline (25 s) and a little setup.
    expect(summary.durationSeconds).toBeLessThanOrEqual(35);
    const [stream] = summary.streams;
    const minuteUp = streamClock(5_000, stream?.openedAtCallMs ?? null);
    const heardAfter = stream?.marksEchoed.filter((mark) => mark.atMs > minuteUp) ?? [];
    expect(heardAfter.length, "audio the caller heard after the minute ran out").toBeGreaterThan(0);
    // The Worker's end report and Twilio's hang-up travel separately: wait for the report to be recorded.
    await vi.waitFor(
      async () => {
        const [session] = await sql`
          select end_reason from ultaura_call_sessions where twilio_call_sid = ${summary.callSid}`;
        expect(session).toEqual({ end_reason: "minutes_exhausted" });
      },
      { timeout: 10_000, interval: 100 },
    );
  }, 90_000);

  it("apologises and hangs up when Grok refuses the connection — never dead air", async () => {
    await sim.grokFault({ mode: "refuse" });
    try {
      const summary = await sim.call({ from: SEED.phones.paid, seconds: 30 });
      // Maria's line is in Spanish: the apology comes in her language.
      expect(summary.said.join(" ")).toMatch(/lo siento/i);
      // On the caller's audio timeline: the apology within 2 s of the stream starting, never longer silence.
      const openedAt = summary.streams[0]?.openedAtCallMs ?? 0;
      const silence = silenceAfter(heardTimeline(summary), openedAt);
      expect(silence).not.toBeNull();
      expect(silence as number).toBeLessThan(2_000);
      expect(summary.endedBy).toBe("server");
      expect(summary.durationSeconds).toBeLessThan(30);
      const events = await sql`
        select e.type from ultaura_call_events e join ultaura_call_sessions s on s.id = e.call_session_id
        where s.twilio_call_sid = ${summary.callSid} and e.type like 'bridge.%'`;
      expect(events.map((e) => e.type)).toContain("bridge.grok_failed");
    } finally {
      await sim.grokFault({ mode: "none" });
    }
  });

  it("gives a stream with a bad token nothing", async () => {
    const params = {
      CallSid: `CA${randomUUID().replaceAll("-", "")}`,
      From: SEED.phones.paid,
      To: env.TWILIO_PHONE_NUMBER as string,
    };
    const webhook = `${urls.functions}/twilio/voice/inbound`;
    const response = await fetch(webhook, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": getExpectedTwilioSignature(env.TWILIO_AUTH_TOKEN as string, webhook, params),
      },
      body: new URLSearchParams(params),
    });
    const streamUrl = /<Stream url="([^"]+)"/.exec(await response.text())?.[1];
    expect(streamUrl).toBeDefined();

    // Without Twilio's signature on the upgrade the Worker refuses the socket outright.
    const unsigned = new WebSocket(streamUrl as string);
    unsigned.on("error", () => {}); // terminating a refused handshake reports an error; expected here
    const refusal = await new Promise<number>((resolve) =>
      unsigned.on("unexpected-response", (_request, reply) => resolve(reply.statusCode ?? 0)),
    );
    unsigned.terminate();
    expect(refusal).toBe(403);

    const received: string[] = [];
    const signature = getExpectedTwilioSignature(env.TWILIO_AUTH_TOKEN as string, streamUrl as string, {});
    const socket = new WebSocket(streamUrl as string, { headers: { "X-Twilio-Signature": signature } });
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    socket.on("message", (data) => received.push(String(data)));
    await new Promise((resolve) => socket.on("open", resolve));
    socket.send(JSON.stringify(connectedMessage()));
    const ids = {
      streamSid: "MZ00000000000000000000000000000000",
      accountSid: env.TWILIO_ACCOUNT_SID as string,
      callSid: params.CallSid,
    };
    socket.send(JSON.stringify(startMessage(1, ids, { token: "1999999999.deadbeef" })));
    // The Worker closes the socket on the bad token (the test's own timeout bounds the wait).
    await closed;
    expect(received).toEqual([]);
  });
});
