import { describe, expect, it } from "vitest";
import { connectStream, hangUp, sayThenConnect } from "./twiml.ts";

describe("TwiML", () => {
  const action = "https://project.example/functions/v1/twilio/voice/stream-ended?sessionId=abc&attempt=0";

  it("connects a stream with its parameters and an action for when it ends", () => {
    expect(
      connectStream({
        streamUrl: "wss://bridge.example/media-stream/abc",
        parameters: { token: "1.ff" },
        action,
      }),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Connect action="https://project.example/functions/v1/twilio/voice/stream-ended?sessionId=abc&amp;attempt=0">' +
        '<Stream url="wss://bridge.example/media-stream/abc"><Parameter name="token" value="1.ff"/></Stream></Connect></Response>',
    );
  });

  it("speaks before connecting again", () => {
    const xml = sayThenConnect(
      { sentences: ["Sorry."], language: "es-US" },
      { streamUrl: "wss://b/m", parameters: {}, action },
    );
    expect(xml).toMatch(
      /<Response><Say language="es-US">Sorry\.<\/Say><Connect action="[^"]+"><Stream url="wss:\/\/b\/m"><\/Stream><\/Connect><\/Response>$/,
    );
  });

  it("escapes where it points", () => {
    expect(connectStream({ streamUrl: 'wss://x/"><Hangup/>', parameters: {}, action })).toContain(
      'url="wss://x/&quot;&gt;&lt;Hangup/&gt;"',
    );
  });

  it("hangs up", () => {
    expect(hangUp()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });
});
