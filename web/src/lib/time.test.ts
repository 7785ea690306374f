import { describe, expect, it } from "vitest";
import { describeDays, formatDayTime, formatLocalTime, lineTime, zoneCity } from "./time.ts";
import { cycleDays } from "./usage.ts";
import { formatPhone, runResult } from "./words.ts";

describe("times shown to families", () => {
  const now = new Date("2026-03-07T18:00:00Z");

  it("names the loved one's zone and the viewer's time when they differ", () => {
    // 10:00 in Los Angeles is 13:00 in New York.
    expect(lineTime("2026-03-07T18:00:00Z", "America/Los_Angeles", "America/New_York")).toMatch(
      /^(today|Sat, Mar 7) 10:00 AM in Los Angeles — 1:00 PM your time$/,
    );
  });

  it("says the time once when both are in the same zone", () => {
    expect(lineTime("2026-03-07T18:00:00Z", "America/Chicago", "America/Chicago")).toMatch(/12:00 PM$/);
    expect(lineTime("2026-03-07T18:00:00Z", "America/Chicago", "America/Chicago")).not.toContain("your time");
  });

  it("follows daylight saving in the loved one's zone: 10:00 in Chicago before and after the switch", () => {
    expect(formatDayTime("2026-03-07T16:00:00Z", "America/Chicago", now)).toBe("today 10:00 AM");
    expect(formatDayTime("2026-03-09T15:00:00Z", "America/Chicago", now)).toBe("Mon, Mar 9 10:00 AM");
    expect(formatDayTime("2026-03-08T15:00:00Z", "America/Chicago", now)).toBe("tomorrow 10:00 AM");
  });

  it("writes zones, times of day and days in plain words", () => {
    expect(zoneCity("America/Los_Angeles")).toBe("Los Angeles");
    expect(formatLocalTime("00:05")).toBe("12:05 AM");
    expect(formatLocalTime("13:30")).toBe("1:30 PM");
    expect(describeDays([0, 1, 2, 3, 4, 5, 6])).toBe("Every day");
    expect(describeDays([5, 1, 2, 3, 4])).toBe("Weekdays");
    expect(describeDays([1, 3])).toBe("Mon, Wed");
  });

  it("shows US numbers the way people write them and others as stored", () => {
    expect(formatPhone("+15555550100")).toBe("(555) 555-0100");
    expect(formatPhone("+447700900123")).toBe("+447700900123");
  });
});

describe("the usage chart's days", () => {
  it("has every day of the cycle so far, with 0 for days without calls", () => {
    const [xs, ys] = cycleDays(
      [{ date: "2026-11-20", minutes: 14 }],
      "2026-11-18T09:30:00.000Z",
      new Date("2026-11-21T08:00:00Z"),
    );
    expect(xs.map((t) => new Date(t * 1000).toISOString().slice(0, 10))).toEqual([
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
    ]);
    expect(ys).toEqual([0, 0, 14, 0]);
  });
});

describe("scheduled calls in plain words", () => {
  it("says what happened and why", () => {
    expect(runResult({ outcome: "reached", reason: "completed", state: "done" })).toBe("Talked");
    expect(runResult({ outcome: "missed", reason: "no_answer", state: "done" })).toBe("Missed — no answer");
    expect(runResult({ outcome: "skipped", reason: "skipped_quiet_hours", state: "done" })).toBe(
      "Not placed: inside quiet hours",
    );
    expect(runResult({ outcome: "retrying", reason: "busy", state: "done" })).toBe(
      "Trying again (the line was busy)",
    );
    expect(runResult({ outcome: null, reason: null, state: "pending" })).toBe("Coming up");
  });
});
