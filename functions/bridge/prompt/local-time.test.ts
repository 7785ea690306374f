import { describe, expect, it } from "vitest";
import { describeLocalDay, describeLocalNow, promptLanguage } from "./local-time.ts";

// 2026-03-03T18:05:00Z: 10:05 in Los Angeles (PST), 12:05 in Chicago (CST), already Wednesday in Tokyo.
const instant = new Date("2026-03-03T18:05:00Z");

describe("local time", () => {
  it("is computed in the line's zone", () => {
    expect(describeLocalNow(instant, "America/Los_Angeles", "en")).toBe("Tuesday, March 3, 2026 at 10:05 AM");
    expect(describeLocalNow(instant, "Asia/Tokyo", "en")).toContain("Wednesday, March 4, 2026");
  });
  it("follows daylight saving time", () => {
    expect(describeLocalNow(new Date("2026-03-08T18:05:00Z"), "America/Los_Angeles", "en")).toContain(
      "11:05 AM",
    );
  });
  it("speaks Spanish for Spanish lines", () => {
    const text = describeLocalNow(instant, "America/Chicago", "es");
    expect(text).toContain("martes");
    expect(text).toContain("marzo");
    expect(text).toContain("12:05");
    expect(describeLocalDay(instant, "America/Chicago", "es")).toBe("martes, 3 de marzo");
  });
  it("maps language tags to the prompt language", () => {
    expect(promptLanguage("es-US")).toBe("es");
    expect(promptLanguage("es")).toBe("es");
    expect(promptLanguage("en-GB")).toBe("en");
  });
});
