import { describe, expect, it } from "vitest";
import { guidanceText } from "./family.ts";

describe("guidanceText", () => {
  it("words the backstop's and the model's actions for the family, in their language", () => {
    expect(guidanceText("emergency", "urged_911", "en")).toMatch(/call 911 or press their medical alert/);
    expect(guidanceText("high", "suggested_988", "es")).toMatch(/988/);
    // Events logged before the guidance keys existed read by tier.
    expect(guidanceText("medium", "hint_sent_to_model", "en")).toMatch(/988/);
    expect(guidanceText("low", "something_new", "en")).toBeNull();
    expect(guidanceText("low", null, "en")).toBeNull();
    expect(guidanceText("low", "toString", "en")).toBeNull();
  });
});
