import { describe, expect, it } from "vitest";
import { connectStream, hangUp, sayThenHangUp } from "./twiml.ts";

describe("TwiML", () => {
  it("connects a stream with its parameters and nothing after </Connect>", () => {
    expect(connectStream("wss://bridge.example/media-stream/abc", { token: "1.ff" })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://bridge.example/media-stream/abc">' +
        '<Parameter name="token" value="1.ff"/></Stream></Connect></Response>',
    );
  });

  it("escapes what it speaks and where it points", () => {
    const xml = sayThenHangUp(['Rose & "Bob" <3'], { language: "en-US" });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">Rose &amp; &quot;Bob&quot; &lt;3</Say>' +
        "<Hangup/></Response>",
    );
    expect(connectStream('wss://x/"><Hangup/>', {})).toContain('url="wss://x/&quot;&gt;&lt;Hangup/&gt;"');
  });

  it("pauses between sentences and hangs up", () => {
    expect(sayThenHangUp(["One.", "Two."])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>One.</Say><Pause length="1"/><Say>Two.</Say><Hangup/></Response>',
    );
    expect(hangUp()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });
});
