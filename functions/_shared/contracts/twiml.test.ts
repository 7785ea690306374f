import { describe, expect, it } from "vitest";
import { sayThenHangUp } from "./twiml.ts";

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

describe("say then hang up", () => {
  it("escapes what it speaks and its language", () => {
    expect(sayThenHangUp([{ sentences: ['Rose & "Bob" <3'], language: 'en-US"' }])).toBe(
      doc('<Say language="en-US&quot;">Rose &amp; &quot;Bob&quot; &lt;3</Say><Hangup/>'),
    );
  });

  it("pauses between sentences, across languages, and hangs up", () => {
    expect(
      sayThenHangUp([
        { sentences: ["One.", "Two."], language: "en-US" },
        { sentences: ["Uno."], language: "es-US" },
      ]),
    ).toBe(
      doc(
        '<Say language="en-US">One.</Say><Pause length="1"/><Say language="en-US">Two.</Say><Pause length="1"/>' +
          '<Say language="es-US">Uno.</Say><Hangup/>',
      ),
    );
  });

  it("speaks in Twilio's default voice without a language", () => {
    expect(sayThenHangUp([{ sentences: ["Hi."], language: null }])).toBe(doc("<Say>Hi.</Say><Hangup/>"));
  });
});
