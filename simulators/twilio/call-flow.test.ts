import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mulawRms } from "../audio/mulaw.ts";
import { send } from "./test-support/fake-product.ts";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  CALLER,
  type Harness,
  mediaFrom,
  OUR_NUMBER,
  STATUS_PATH,
  startHarness,
  streamTwiml,
  VOICE_PATH,
} from "./test-support/harness.ts";

type Message = Record<string, unknown>;
const byEvent = (event: string) => (m: Message) => m.event === event;
const markNamed = (name: string) => (m: Message) => m.event === "mark" && (m.mark as Message).name === name;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe("an inbound call through the simulated carrier", () => {
  it("signs the webhook, streams like Twilio, plays and clears audio, echoes marks, follows the TwiML after the stream", async () => {
    h.functions.routes.set(VOICE_PATH, () => ({
      body: streamTwiml(`${h.bridge.url}/media-stream/session-1`, "<Say>Goodbye</Say><Hangup/>"),
    }));
    h.bridge.onConnection(async (bridge) => {
      const start = await bridge.next(byEvent("start"));
      const streamSid = start.streamSid;
      for (let i = 0; i < 25; i += 1) send(bridge.socket, mediaFrom(streamSid, 160));
      send(bridge.socket, { event: "mark", streamSid, mark: { name: "greeting" } });
      await bridge.next(markNamed("greeting"));
      // The `playing` mark comes back once 100 ms of the next second of audio have played: the clear
      // then drops the rest of it, mid-playback.
      for (let i = 0; i < 5; i += 1) send(bridge.socket, mediaFrom(streamSid, 160));
      send(bridge.socket, { event: "mark", streamSid, mark: { name: "playing" } });
      for (let i = 0; i < 45; i += 1) send(bridge.socket, mediaFrom(streamSid, 160));
      send(bridge.socket, { event: "mark", streamSid, mark: { name: "interrupted" } });
      await bridge.next(markNamed("playing"));
      send(bridge.socket, { event: "clear", streamSid });
      await bridge.next(markNamed("interrupted"));
      await bridge.next(byEvent("dtmf"));
      bridge.socket.close(1000);
    });

    // The person speaks well after the stream can have opened (a webhook and a WebSocket handshake, however
    // loaded the machine), so the stream's first frames are the silence before the speech.
    const summary = await h.sim.placeInboundCall({ from: CALLER, speak: "0.6-0.9", dtmf: "5@0.8" });

    const [webhook, statusCallback, ...rest] = h.functions.received;
    expect(rest).toEqual([]);
    expect(webhook).toEqual({
      path: VOICE_PATH,
      signatureValid: true,
      params: {
        AccountSid: ACCOUNT_SID,
        ApiVersion: "2010-04-01",
        CallSid: summary.callSid,
        CallStatus: "ringing",
        Called: OUR_NUMBER,
        Caller: CALLER,
        Direction: "inbound",
        From: CALLER,
        StirVerstat: "TN-Validation-Passed-A",
        To: OUR_NUMBER,
      },
    });
    expect(summary.callSid).toMatch(/^CA[0-9a-f]{32}$/);

    const bridge = h.bridge.connections[0];
    if (!bridge) throw new Error("the stream never connected");
    expect(bridge.path).toBe("/media-stream/session-1");
    // Twilio signs the upgrade over the exact stream URL with no parameters.
    expect(bridge.signature).toBe(
      getExpectedTwilioSignature(AUTH_TOKEN, `${h.bridge.url}/media-stream/session-1`, {}),
    );
    const [connected, start, ...later] = bridge.messages;
    expect(connected).toEqual({ event: "connected", protocol: "Call", version: "1.0.0" });
    const streamSid = (start as Message).streamSid;
    expect(streamSid).toMatch(/^MZ[0-9a-f]{32}$/);
    expect(start).toEqual({
      event: "start",
      sequenceNumber: "1",
      streamSid,
      start: {
        accountSid: ACCOUNT_SID,
        streamSid,
        callSid: summary.callSid,
        tracks: ["inbound"],
        customParameters: { token: "tok-1" },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
    expect(later.map((m) => Number(m.sequenceNumber))).toEqual(later.map((_, i) => i + 2));
    expect(later.every((m) => m.streamSid === streamSid)).toBe(true);

    const media = later.filter(byEvent("media")).map((m) => m.media as Record<string, string>);
    expect(media.length).toBeGreaterThan(20);
    media.forEach((m, i) => {
      expect(m.track).toBe("inbound");
      expect(m.chunk).toBe(String(i + 1));
      expect(m.timestamp).toBe(String(i * 20));
      expect(Buffer.from(m.payload ?? "", "base64").length).toBe(160);
    });
    const levels = media.map((m) => mulawRms(new Uint8Array(Buffer.from(m.payload ?? "", "base64"))));
    expect(levels[0]).toBe(0);
    expect(levels.filter((level) => level > 3000).length).toBeGreaterThanOrEqual(10);

    const dtmf = later.filter(byEvent("dtmf"));
    expect(dtmf).toEqual([
      {
        event: "dtmf",
        streamSid,
        sequenceNumber: expect.any(String),
        dtmf: { track: "inbound_track", digit: "5" },
      },
    ]);
    const marks = later.filter(byEvent("mark"));
    expect(marks.map((m) => m.mark)).toEqual([
      { name: "greeting" },
      { name: "playing" },
      { name: "interrupted" },
    ]);
    expect(marks[0]).toEqual({
      event: "mark",
      sequenceNumber: expect.any(String),
      streamSid,
      mark: { name: "greeting" },
    });
    expect(later.filter(byEvent("stop"))).toEqual([]);

    const [stream] = summary.streams;
    // On the simulator's clock: 25 frames = 500 ms of playback before the greeting mark; the clear
    // releases the last mark at once, with 900 ms of audio unplayed.
    const echoed = Object.fromEntries((stream?.marksEchoed ?? []).map((m) => [m.name, m.atMs]));
    expect(echoed.greeting).toBeGreaterThanOrEqual(500);
    expect(echoed.playing).toBeGreaterThanOrEqual((echoed.greeting ?? 0) + 100);
    expect(echoed.interrupted).toBe(stream?.clearsAtMs[0]);
    expect(stream).toMatchObject({
      url: `${h.bridge.url}/media-stream/session-1`,
      streamSid,
      closedBy: "server",
      received: { media: 75, mark: 3, clear: 1 },
      audioReceivedMs: 1500,
      protocolErrors: [],
    });
    expect(stream?.sent.dtmf).toBe(1);
    expect(stream?.clearsAtMs).toHaveLength(1);
    expect(stream?.audioClearedMs).toBeGreaterThan(500);
    expect(stream?.audioClearedMs).toBeLessThanOrEqual(900);
    expect(summary.firstAudioLatencyMs).not.toBeNull();
    expect(summary.said).toEqual(["Goodbye"]);
    expect(summary).toMatchObject({ status: "completed", endedBy: "server", endReason: "hangup-verb" });
    expect(summary.twiml).toMatchObject([{ source: "voice-url", error: null }]);

    expect(statusCallback).toMatchObject({
      path: STATUS_PATH,
      signatureValid: true,
      params: {
        CallSid: summary.callSid,
        CallStatus: "completed",
        SequenceNumber: "0",
        Direction: "inbound",
        From: CALLER,
        To: OUR_NUMBER,
        CallDuration: String(summary.durationSeconds),
        Timestamp: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
      },
    });
    expect(summary.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(summary.statusCallbacks).toMatchObject([
      { sequenceNumber: 0, callStatus: "completed", httpStatus: 204 },
    ]);
  });

  it("sends stop and closes the stream when the caller hangs up", async () => {
    h.functions.routes.set(VOICE_PATH, () => ({ body: streamTwiml(`${h.bridge.url}/media-stream/s`) }));
    const summary = await h.sim.placeInboundCall({ from: CALLER, seconds: 0.4 });
    const bridge = h.bridge.connections[0];
    await bridge?.closed;
    const last = bridge?.messages.at(-1);
    expect(last).toEqual({
      event: "stop",
      sequenceNumber: expect.any(String),
      streamSid: summary.streams[0]?.streamSid,
      stop: { accountSid: ACCOUNT_SID, callSid: summary.callSid },
    });
    expect(summary).toMatchObject({ status: "completed", endedBy: "person", endReason: "caller-hangup" });
    expect(summary.streams[0]?.closedBy).toBe("caller");
  });

  it("can re-deliver status callbacks, duplicates included", async () => {
    h.functions.routes.set(VOICE_PATH, () => ({ body: "<Response><Hangup/></Response>" }));
    const summary = await h.sim.placeInboundCall({ from: CALLER });
    const again = await h.sim.redeliverStatusCallbacks(summary.callSid);
    expect(again).toMatchObject([
      { sequenceNumber: 0, callStatus: "completed", redelivery: true, httpStatus: 204 },
    ]);
    const callbacks = h.functions.received.filter((r) => r.path === STATUS_PATH);
    expect(callbacks).toHaveLength(2);
    expect(callbacks[1]?.params).toEqual(callbacks[0]?.params);
    expect(callbacks.every((c) => c.signatureValid)).toBe(true);
  });
});
