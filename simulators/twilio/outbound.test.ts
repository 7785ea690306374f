import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../tests/support/eventually.ts";
import { ManualScheduler } from "../../tests/support/manual-scheduler.ts";
import {
  ACCOUNT_SID,
  FALLBACK_PATH,
  type Harness,
  OUR_NUMBER,
  STATUS_PATH,
  startHarness,
  streamTwiml,
  VOICE_PATH,
} from "./test-support/harness.ts";

const CALLS = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls`;
const OUTBOUND_PATH = "/functions/v1/twilio/voice/outbound/session-2";
const CALLEE = "+15555550123";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function createCall(extra: Record<string, string | string[]> = {}): Promise<Record<string, unknown>> {
  const response = await h.rest("POST", `${CALLS}.json`, {
    To: CALLEE,
    From: OUR_NUMBER,
    Url: h.functions.base + OUTBOUND_PATH,
    StatusCallback: h.functions.base + STATUS_PATH,
    ...extra,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

describe("an outbound call placed through the REST API", () => {
  it("reports every status in sequence, detects the machine, and follows a live TwiML update", async () => {
    h.sim.setCallee(CALLEE, { kind: "machine" });
    h.functions.routes.set(OUTBOUND_PATH, () => ({
      body: streamTwiml(`${h.bridge.url}/media-stream/session-2`),
    }));
    const resource = await createCall({
      StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      MachineDetection: "DetectMessageEnd",
    });
    expect(resource).toMatchObject({
      sid: expect.stringMatching(/^CA[0-9a-f]{32}$/),
      account_sid: ACCOUNT_SID,
      status: "queued",
      direction: "outbound-api",
      to: CALLEE,
      from: OUR_NUMBER,
      api_version: "2010-04-01",
      uri: `${CALLS}/${resource.sid}.json`,
    });
    const sid = String(resource.sid);

    h.bridge.onConnection(async (bridge) => {
      await bridge.next((m) => m.event === "start");
      const update = await h.rest("POST", `${CALLS}/${sid}.json`, {
        Twiml: "<Response><Say>Sorry, we have to go.</Say><Hangup/></Response>",
      });
      expect(update.status).toBe(200);
    });
    const summary = await h.sim.waitForCall(sid);

    const bridge = h.bridge.connections[0];
    await bridge?.closed;
    expect(bridge?.messages.at(-1)?.event).toBe("stop");
    expect(summary.streams[0]?.closedBy).toBe("redirect");
    expect(summary.said).toEqual(["Sorry, we have to go."]);
    expect(summary.twiml.map((t) => t.source)).toEqual(["voice-url", "rest-update"]);
    expect(summary).toMatchObject({
      status: "completed",
      endReason: "hangup-verb",
      answeredBy: "machine_end_beep",
    });

    const webhook = h.functions.received.find((r) => r.path === OUTBOUND_PATH);
    expect(webhook).toMatchObject({
      signatureValid: true,
      params: {
        CallSid: sid,
        CallStatus: "in-progress",
        Direction: "outbound-api",
        AnsweredBy: "machine_end_beep",
      },
    });
    const callbacks = h.functions.received.filter((r) => r.path === STATUS_PATH);
    expect(callbacks.map((c) => [c.params.SequenceNumber, c.params.CallStatus])).toEqual([
      ["0", "initiated"],
      ["1", "ringing"],
      ["2", "in-progress"],
      ["3", "completed"],
    ]);
    expect(callbacks.every((c) => c.signatureValid && c.params.AnsweredBy === "machine_end_beep")).toBe(true);
    expect(callbacks[3]?.params.CallDuration).toBe(String(summary.durationSeconds));

    const fetched = (await (await h.rest("GET", `${CALLS}/${sid}.json`)).json()) as Record<string, unknown>;
    expect(fetched).toMatchObject({ sid, status: "completed", duration: String(summary.durationSeconds) });
  });

  it("hangs up over REST: the stream gets stop and closes, and the answer already says completed", async () => {
    h.functions.routes.set(OUTBOUND_PATH, () => ({
      body: streamTwiml(`${h.bridge.url}/media-stream/session-2`),
    }));
    const sid = String((await createCall()).sid);
    const hungUp = new Promise<Record<string, unknown>>((resolve) => {
      h.bridge.onConnection(async (bridge) => {
        await bridge.next((m) => m.event === "start");
        const response = await h.rest("POST", `${CALLS}/${sid}.json`, { Status: "completed" });
        resolve((await response.json()) as Record<string, unknown>);
      });
    });
    expect(await hungUp).toMatchObject({ sid, status: "completed" });
    const summary = await h.sim.waitForCall(sid);
    expect(h.bridge.connections[0]?.messages.at(-1)?.event).toBe("stop");
    expect(summary).toMatchObject({ endedBy: "server", endReason: "rest-hangup" });
    expect(summary.streams[0]?.closedBy).toBe("rest-hangup");
    const callbacks = h.functions.received.filter((r) => r.path === STATUS_PATH);
    expect(callbacks.map((c) => c.params.CallStatus)).toEqual(["completed"]);
  });

  it("refuses to redirect a call that is over (21220)", async () => {
    h.functions.routes.set(OUTBOUND_PATH, () => ({ body: "<Response><Hangup/></Response>" }));
    const sid = String((await createCall()).sid);
    await h.sim.waitForCall(sid);
    const response = await h.rest("POST", `${CALLS}/${sid}.json`, {
      Twiml: "<Response><Say>x</Say></Response>",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 21220, status: 400 });
  });

  it.each([
    ["busy", "busy"],
    ["no-answer", "no-answer"],
    ["failed", "failed"],
  ] as const)(
    "reports a %s callee with CallDuration 0 and never asks the voice URL",
    async (answer, status) => {
      h.sim.setCallee(CALLEE, { answer });
      const sid = String((await createCall()).sid);
      const summary = await h.sim.waitForCall(sid);
      expect(summary).toMatchObject({ status, durationSeconds: 0, endReason: "not-answered" });
      expect(h.functions.received.map((r) => [r.path, r.params.CallStatus, r.params.CallDuration])).toEqual([
        [STATUS_PATH, status, "0"],
      ]);
    },
  );

  it("treats ringing past Timeout as no-answer", async () => {
    h.sim.setCallee(CALLEE, { ringMs: 5000 });
    const summary = await h.sim.waitForCall(String((await createCall({ Timeout: "2" })).sid));
    expect(summary.status).toBe("no-answer");
  });

  it("rings for exactly Timeout seconds on the simulator's clock before no-answer", async () => {
    await h.stop();
    const clock = new ManualScheduler();
    h = await startHarness({ scheduler: clock, timeScale: 1 });
    h.sim.setCallee(CALLEE, { ringMs: 60_000 });
    const sid = String((await createCall({ Timeout: "20" })).sid);
    let ended = false;
    const finished = h.sim.waitForCall(sid).then((summary) => {
      ended = true;
      return summary;
    });
    // Ringing starts at once (nothing queued ahead of it); from then on only the test's clock moves it.
    await eventually(() => h.sim.calls()[0]?.status === "ringing");
    await clock.advance(19_999);
    expect(ended).toBe(false);
    expect(h.sim.calls()[0]?.status).toBe("ringing");
    await clock.advance(1);
    expect(await finished).toMatchObject({ status: "no-answer", durationSeconds: 0 });
  });
});

describe("when the voice URL fails", () => {
  it.each([
    ["answers 500", { status: 500, body: "boom" }, "11200"],
    ["returns broken XML", { body: "<Response><Say>oops</Response>" }, "12100"],
    ["returns XML that is not TwiML", { body: "<Response><Dial>1</Dial></Response>" }, "12200"],
  ])("goes to the fallback URL when it %s", async (_label, primary, errorCode) => {
    h.functions.routes.set(VOICE_PATH, () => primary);
    h.functions.routes.set(FALLBACK_PATH, () => ({
      body: "<Response><Say>Sorry.</Say><Hangup/></Response>",
    }));
    const summary = await h.sim.placeInboundCall({ from: "+15555550100" });
    const fallback = h.functions.received.find((r) => r.path === FALLBACK_PATH);
    expect(fallback).toMatchObject({
      signatureValid: true,
      params: { ErrorCode: errorCode, ErrorUrl: h.functions.base + VOICE_PATH, CallSid: summary.callSid },
    });
    expect(summary.said).toEqual(["Sorry."]);
    expect(summary.twiml.map((t) => t.source)).toEqual(["voice-url", "fallback-url"]);
    expect(summary.twiml[0]?.error).toContain(errorCode);
  });

  it("plays Twilio's application error when the fallback fails too", async () => {
    h.functions.routes.set(VOICE_PATH, () => ({ status: 503, body: "" }));
    h.functions.routes.set(FALLBACK_PATH, () => ({ status: 500, body: "" }));
    const summary = await h.sim.placeInboundCall({ from: "+15555550100" });
    expect(summary.said).toEqual(["We are sorry, an application error has occurred. Goodbye."]);
    expect(summary).toMatchObject({
      endedBy: "carrier",
      endReason: "application-error",
      status: "completed",
    });
  });

  it("continues after a stream whose handshake fails", async () => {
    h.functions.routes.set(VOICE_PATH, () => ({
      body: streamTwiml("ws://127.0.0.1:1/media-stream/x", "<Say>Still here</Say>"),
    }));
    const summary = await h.sim.placeInboundCall({ from: "+15555550100" });
    expect(summary.streams[0]).toMatchObject({ closedBy: "error", handshakeError: expect.any(String) });
    expect(summary).toMatchObject({ said: ["Still here"], endReason: "twiml-exhausted" });
  });
});
