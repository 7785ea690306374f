import { describe, expect, it } from "vitest";
import { INFINITE_SAY_LOOPS, parseTwiml, TwimlError } from "./verbs.ts";

function failure(xml: string): TwimlError {
  try {
    parseTwiml(xml);
  } catch (error) {
    if (error instanceof TwimlError) return error;
    throw error;
  }
  throw new Error("expected a TwimlError");
}

describe("parseTwiml", () => {
  it("reads the answer our functions give: a stream with a token, then goodbye", () => {
    const verbs = parseTwiml(`<?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Connect action="/after">
          <Stream url="wss://bridge.example/media-stream/abc" name="call">
            <Parameter name="token" value="t.k&amp;n"/>
            <Parameter name="session" value="abc"/>
          </Stream>
        </Connect>
        <Say voice="Polly.Joanna" loop="2">  Goodbye
          for now. </Say>
        <Pause length="3"/>
        <Hangup/>
      </Response>`);
    expect(verbs).toEqual([
      {
        verb: "Connect",
        action: "/after",
        method: "POST",
        stream: {
          url: "wss://bridge.example/media-stream/abc",
          name: "call",
          parameters: { token: "t.k&n", session: "abc" },
        },
      },
      { verb: "Say", text: "Goodbye for now.", voice: "Polly.Joanna", loop: 2 },
      { verb: "Pause", length: 3 },
      { verb: "Hangup" },
    ]);
  });

  it("applies Twilio's defaults", () => {
    expect(parseTwiml("<Response><Say>Hi</Say><Pause/><Redirect>/next</Redirect></Response>")).toEqual([
      { verb: "Say", text: "Hi", loop: 1 },
      { verb: "Pause", length: 1 },
      { verb: "Redirect", url: "/next", method: "POST" },
    ]);
  });

  it("reads SSML inside <Say> as text, and loop=0 as repeat until hang-up", () => {
    const [say] = parseTwiml('<Response><Say loop="0">Hello<break time="1s"/>there</Say></Response>');
    expect(say).toEqual({ verb: "Say", text: "Hello there", loop: INFINITE_SAY_LOOPS });
  });

  it("accepts an empty response (the call ends)", () => {
    expect(parseTwiml("<Response/>")).toEqual([]);
  });

  it("reports malformed XML as 12100", () => {
    expect(failure("<Response><Say>hi</Response>").code).toBe(12100);
  });

  it.each([
    ["<Play>x</Play>", "root element must be <Response>"],
    ["<Response><Gather/></Response>", "<Gather> is not a supported TwiML verb"],
    ["<Response>stray</Response>", "unexpected text inside <Response>"],
    ["<Response><Connect/></Response>", "<Connect> must hold exactly one <Stream>"],
    ['<Response><Connect><Room name="x"/></Connect></Response>', "<Connect> must hold exactly one <Stream>"],
    ['<Response><Connect><Stream url="https://x/y"/></Connect></Response>', "must be ws:// or wss://"],
    [
      '<Response><Connect><Stream url="wss://x/y?token=1"/></Connect></Response>',
      "must not carry a query string",
    ],
    [
      '<Response><Connect><Stream url="wss://x/y"><Parameter name="a"/></Stream></Connect></Response>',
      "may only hold <Parameter",
    ],
    ['<Response><Pause length="1.5"/></Response>', "<Pause length> must be a whole number"],
    ['<Response><Say loop="-1">x</Say></Response>', "<Say loop> must be a whole number"],
    ["<Response><Redirect> </Redirect></Response>", "<Redirect> needs a URL"],
    ['<Response><Redirect method="PUT">/x</Redirect></Response>', "<Redirect method> must be GET or POST"],
  ])("reports %j as 12200", (xml, message) => {
    const error = failure(xml);
    expect(error.code).toBe(12200);
    expect(error.message).toContain(message);
  });
});
