import { describe, expect, it } from "vitest";
import { parseTwilioMessage, twilioClear, twilioMark, twilioMedia } from "./codec.ts";

const start = {
  event: "start",
  sequenceNumber: "1",
  streamSid: "MZ1",
  start: {
    streamSid: "MZ1",
    accountSid: "AC1",
    callSid: "CA1",
    tracks: ["inbound"],
    customParameters: { token: "123.abc", ignored: 5 },
    mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
  },
};

describe("parseTwilioMessage", () => {
  it("narrows each documented message", () => {
    expect(parseTwilioMessage(JSON.stringify(start))).toEqual({
      event: "start",
      streamSid: "MZ1",
      callSid: "CA1",
      accountSid: "AC1",
      customParameters: { token: "123.abc" },
      encoding: "audio/x-mulaw",
    });
    const media = {
      event: "media",
      streamSid: "MZ1",
      media: { track: "inbound", chunk: "2", payload: "//79" },
    };
    expect(parseTwilioMessage(JSON.stringify(media))).toEqual({
      event: "media",
      payload: "//79",
      track: "inbound",
    });
    expect(parseTwilioMessage('{"event":"dtmf","dtmf":{"track":"inbound_track","digit":"9"}}')).toEqual({
      event: "dtmf",
      digit: "9",
    });
    expect(parseTwilioMessage('{"event":"mark","mark":{"name":"3.640"}}')).toEqual({
      event: "mark",
      name: "3.640",
    });
    expect(parseTwilioMessage('{"event":"stop","stop":{"callSid":"CA1"}}')).toEqual({
      event: "stop",
      callSid: "CA1",
    });
    expect(parseTwilioMessage('{"event":"connected","protocol":"Call"}')).toEqual({
      event: "connected",
      protocol: "Call",
    });
  });

  it("returns null for unknown, malformed or non-JSON input", () => {
    for (const text of [
      "not json",
      "[]",
      "null",
      '{"event":"bogus"}',
      '{"event":"media","media":{}}',
      '{"event":"media","media":{"payload":5}}',
      '{"event":"start","start":{"streamSid":"MZ"}}',
      '{"event":"dtmf"}',
    ]) {
      expect(parseTwilioMessage(text)).toBeNull();
    }
  });
});

describe("builders", () => {
  it("writes the wire shapes Twilio documents", () => {
    expect(JSON.parse(twilioMedia("MZ1", "AAA="))).toEqual({
      event: "media",
      streamSid: "MZ1",
      media: { payload: "AAA=" },
    });
    expect(JSON.parse(twilioMark("MZ1", "1.20"))).toEqual({
      event: "mark",
      streamSid: "MZ1",
      mark: { name: "1.20" },
    });
    expect(JSON.parse(twilioClear("MZ1"))).toEqual({ event: "clear", streamSid: "MZ1" });
  });
});
