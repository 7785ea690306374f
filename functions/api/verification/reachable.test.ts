import { describe, expect, it } from "vitest";
import { unreachable } from "./reachable.ts";

const usCa = { allowedCountries: ["US", "CA"], allowFictional: false };

describe("which numbers a code may go to", () => {
  it("accepts US and Canadian personal numbers", () => {
    expect(unreachable("+12125550123", usCa)).toBeNull();
    expect(unreachable("+14165550123", usCa)).toBeNull();
  });

  it("refuses premium-rate, toll-free and unknown types, and other countries (the +1 Caribbean included)", () => {
    expect(unreachable("+19005551234", usCa)).toBe("number_type_not_allowed");
    expect(unreachable("+18005551234", usCa)).toBe("number_type_not_allowed");
    expect(unreachable("+18095551234", usCa)).toBe("country_not_allowed");
    expect(unreachable("+447911123456", usCa)).toBe("country_not_allowed");
    expect(unreachable("+448712345678", { ...usCa, allowedCountries: ["GB"] })).toBe(
      "number_type_not_allowed",
    );
    expect(unreachable("+15555550177", usCa)).toBe("number_type_not_allowed");
  });

  it("lets the simulators' 555 numbers through only where fictional numbers are allowed", () => {
    expect(unreachable("+15555550177", { ...usCa, allowFictional: true })).toBeNull();
    expect(unreachable("+15555550177", { allowedCountries: ["CA"], allowFictional: true })).toBe(
      "country_not_allowed",
    );
  });
});
