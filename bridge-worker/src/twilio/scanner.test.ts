import { describe, expect, it } from "vitest";
import { toTwilioEvent } from "./codec.ts";
import { scanTwilioMessage } from "./scanner.ts";

/** What the full parse makes of the same text. */
const parsed = (text: string) => toTwilioEvent(JSON.parse(text));

describe("scanTwilioMessage", () => {
  it("reads caller audio and mark echoes exactly as the full parse does", () => {
    const texts = [
      '{"event":"media","sequenceNumber":"3","media":{"track":"inbound","chunk":"1","timestamp":"5","payload":"no+JBg=="},"streamSid":"MZ1"}',
      '{"event":"media","streamSid":"MZ1","media":{"payload":"//79"}}',
      '{"event":"mark","sequenceNumber":"4","streamSid":"MZ1","mark":{"name":"2:800"}}',
    ];
    for (const text of texts) {
      expect(scanTwilioMessage(text)).not.toBeNull();
      expect(scanTwilioMessage(text)).toEqual(parsed(text));
    }
  });

  it("leaves every other message, and any it cannot read unambiguously, to the full parse", () => {
    const texts = [
      '{"event":"start","start":{"customParameters":{"event":"mark","name":"1:1"}},"streamSid":"MZ1"}',
      '{"event":"dtmf","dtmf":{"digit":"5"}}',
      '{"event":"stop","stop":{"callSid":"CA1"}}',
      '{"streamSid":"MZ1","event":"media","media":{"payload":"//79"}}',
      '{"event":"media","media":{"payload":"\\/\\/79"}}',
      '{"event":"media","media":{"payload":"AAAA","payload":"BBBB"}}',
      '{"event":"mark","mark":{"name":"a\\"b"}}',
      '{"event":"media","media":{"track":"inbound"}}',
    ];
    for (const text of texts) expect(scanTwilioMessage(text)).toBeNull();
  });
});
