import { describe, expect, it } from "vitest";
import { FAKE_TWILIO } from "../../../tests/support/test-env.ts";
import {
  connectedMessage,
  dtmfMessage,
  markMessage,
  mediaMessage,
  parseServerMessage,
  startMessage,
  stopMessage,
} from "./messages.ts";

const ids = {
  streamSid: "MZ00000000000000000000000000000001",
  accountSid: FAKE_TWILIO.accountSid,
  callSid: "CA00000000000000000000000000000003",
};

describe("messages Twilio sends", () => {
  it("connected", () => {
    expect(connectedMessage()).toEqual({ event: "connected", protocol: "Call", version: "1.0.0" });
  });

  it("start, with custom parameters and the µ-law format", () => {
    expect(startMessage(1, ids, { token: "t" })).toEqual({
      event: "start",
      sequenceNumber: "1",
      start: {
        accountSid: ids.accountSid,
        streamSid: ids.streamSid,
        callSid: ids.callSid,
        tracks: ["inbound"],
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        customParameters: { token: "t" },
      },
      streamSid: ids.streamSid,
    });
  });

  it("media, with string counters and base64 audio", () => {
    expect(mediaMessage(2, ids.streamSid, 1, 0, new Uint8Array([0xff, 0x00, 0x7f]))).toEqual({
      event: "media",
      sequenceNumber: "2",
      media: { track: "inbound", chunk: "1", timestamp: "0", payload: "/wB/" },
      streamSid: ids.streamSid,
    });
  });

  it("dtmf, on the inbound_track", () => {
    expect(dtmfMessage(5, ids.streamSid, "9")).toEqual({
      event: "dtmf",
      streamSid: ids.streamSid,
      sequenceNumber: "5",
      dtmf: { track: "inbound_track", digit: "9" },
    });
  });

  it("mark echo", () => {
    expect(markMessage(6, ids.streamSid, "greeting")).toEqual({
      event: "mark",
      sequenceNumber: "6",
      streamSid: ids.streamSid,
      mark: { name: "greeting" },
    });
  });

  it("stop", () => {
    expect(stopMessage(7, ids)).toEqual({
      event: "stop",
      sequenceNumber: "7",
      streamSid: ids.streamSid,
      stop: { accountSid: ids.accountSid, callSid: ids.callSid },
    });
  });
});

describe("parseServerMessage", () => {
  const parse = (message: unknown) => parseServerMessage(JSON.stringify(message), ids.streamSid);

  it("reads media as bytes", () => {
    const parsed = parse({ event: "media", streamSid: ids.streamSid, media: { payload: "/wB/" } });
    expect(parsed).toEqual({
      ok: true,
      message: { event: "media", audio: new Uint8Array([0xff, 0x00, 0x7f]) },
    });
  });

  it("reads mark and clear", () => {
    expect(parse({ event: "mark", streamSid: ids.streamSid, mark: { name: "m1" } })).toEqual({
      ok: true,
      message: { event: "mark", name: "m1" },
    });
    expect(parse({ event: "clear", streamSid: ids.streamSid })).toEqual({
      ok: true,
      message: { event: "clear" },
    });
  });

  it.each([
    ["not JSON", "{", "not JSON"],
    ["no event", JSON.stringify({ streamSid: ids.streamSid }), "no event"],
    ["an array", "[]", "no event"],
    ["a missing streamSid", JSON.stringify({ event: "clear" }), "clear: streamSid does not match"],
    [
      "another stream's sid",
      JSON.stringify({ event: "clear", streamSid: "MZ0" }),
      "clear: streamSid does not match",
    ],
    [
      "media without payload",
      JSON.stringify({ event: "media", streamSid: ids.streamSid, media: {} }),
      "media: payload is not base64",
    ],
    [
      "media with broken base64",
      JSON.stringify({ event: "media", streamSid: ids.streamSid, media: { payload: "ab$=" } }),
      "media: payload is not base64",
    ],
    [
      "a mark without a name",
      JSON.stringify({ event: "mark", streamSid: ids.streamSid, mark: {} }),
      "mark: mark.name is not a string",
    ],
    ["an unknown event", JSON.stringify({ event: "dance", streamSid: ids.streamSid }), "unknown event dance"],
  ])("rejects %s", (_label, raw, error) => {
    expect(parseServerMessage(raw, ids.streamSid)).toEqual({ ok: false, error });
  });
});
