import { describe, expect, it } from "vitest";
import { formatSafetyCursor, guidanceText, parseSafetyCursor } from "./family.ts";

describe("safety event cursors", () => {
  const cursor = { createdAt: "2026-03-03T23:05:00.123456Z", id: "a0000000-0000-4000-8000-000000000001" };

  it("round-trip with microseconds kept", () => {
    expect(parseSafetyCursor(formatSafetyCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64", "%%%"],
    ["no id", btoa("2026-03-03T23:05:00.123456Z")],
    ["a bad id", btoa("2026-03-03T23:05:00.123456Z|42")],
    ["milliseconds only", btoa(`2026-03-03T23:05:00.123Z|${cursor.id}`)],
    ["an extra part", btoa(`${cursor.createdAt}|${cursor.id}|x`)],
    ["an impossible date", btoa(`2026-13-45T23:05:00.123456Z|${cursor.id}`)],
  ])("refuses %s", (_, text) => {
    expect(parseSafetyCursor(text)).toBeNull();
  });
});

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
