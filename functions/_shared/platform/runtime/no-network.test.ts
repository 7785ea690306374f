import { describe, expect, it } from "vitest";

/** The unit project's fetch guard (tests/support/no-network.ts, a setup file of the unit project). */
describe("unit tests have no network", () => {
  it("refuses a request that would leave the machine, naming it", async () => {
    await expect(fetch("https://api.twilio.com/2010-04-01/Accounts.json")).rejects.toThrow(
      /no network: fetch\(https:\/\/api\.twilio\.com\)/,
    );
  });

  it("still reaches loopback, where tests run their own servers", async () => {
    await expect(fetch("http://127.0.0.1:9/")).rejects.not.toThrow(/no network/);
  });
});
