import { describe, expect, it } from "vitest";
import { createLogger, describeError } from "./log.ts";

describe("log lines", () => {
  it("mask every phone number, in any field, nested or inside an error string", () => {
    const lines: string[] = [];
    const log = createLogger({ to: "+15555550100" }, "debug", (line) => lines.push(line));
    log.warn("twilio refused", {
      ...describeError(new Error("The 'To' number +44 20 7946 0958 is not a valid phone number.")),
      url: "https://api.twilio.com/2010-04-01/Calls.json?To=%2B15555550123",
      nested: { from: "+1 (555) 555-0199" },
      callSid: `CA${"0".repeat(32)}`,
      durationMs: 123456789,
    });
    const line = lines[0] ?? "";
    for (const digits of ["5555550100", "20 7946 0958", "5555550123", "555) 555-0199"]) {
      expect(line).not.toContain(digits);
    }
    const entry = JSON.parse(line);
    expect(entry.to).toBe("+…00");
    expect(entry.nested.from).toBe("+…99");
    expect(entry.callSid).toBe(`CA${"0".repeat(32)}`);
    expect(entry.durationMs).toBe(123456789);
  });
});
