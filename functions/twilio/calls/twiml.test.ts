import { describe, expect, it } from "vitest";
import { connectStream, hangUp } from "./twiml.ts";

describe("TwiML", () => {
  it("connects a stream with its parameters and nothing after </Connect>", () => {
    expect(connectStream("wss://bridge.example/media-stream/abc", { token: "1.ff" })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://bridge.example/media-stream/abc">' +
        '<Parameter name="token" value="1.ff"/></Stream></Connect></Response>',
    );
  });

  it("escapes where it points", () => {
    expect(connectStream('wss://x/"><Hangup/>', {})).toContain('url="wss://x/&quot;&gt;&lt;Hangup/&gt;"');
  });

  it("hangs up", () => {
    expect(hangUp()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });
});
