import { describe, expect, it } from "vitest";
import { connectStream, hangUp, sayThenConnect, sayThenHangUp } from "./twiml.ts";

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
      ["Sorry."],
      { language: "es-US" },
      { streamUrl: "wss://b/m", parameters: {}, action },
    );
    expect(xml).toMatch(
      /<Response><Say language="es-US">Sorry\.<\/Say><Connect action="[^"]+"><Stream url="wss:\/\/b\/m"><\/Stream><\/Connect><\/Response>$/,
    );
  });

  it("escapes what it speaks and where it points", () => {
    const xml = sayThenHangUp(['Rose & "Bob" <3'], { language: "en-US" });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">Rose &amp; &quot;Bob&quot; &lt;3</Say>' +
        "<Hangup/></Response>",
    );
    expect(connectStream({ streamUrl: 'wss://x/"><Hangup/>', parameters: {}, action })).toContain(
      'url="wss://x/&quot;&gt;&lt;Hangup/&gt;"',
    );
  });

  it("pauses between sentences and hangs up", () => {
    expect(sayThenHangUp(["One.", "Two."])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>One.</Say><Pause length="1"/><Say>Two.</Say><Hangup/></Response>',
    );
    expect(hangUp()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });
});
