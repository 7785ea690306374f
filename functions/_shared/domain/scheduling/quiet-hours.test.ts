import { describe, expect, it } from "vitest";
import { inQuietHours, inQuietWindow, quietHoursEnd } from "./quiet-hours.ts";

const seconds = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 3600 + m * 60;
};

describe("inQuietWindow", () => {
  const night = { start: "21:00:00", end: "08:00:00" };
  it("wraps midnight: 21:00–08:00 holds 21:00, 23:59, 00:00 and 07:59, not 08:00 or 20:59", () => {
    for (const t of ["21:00", "23:59", "00:00", "07:59"])
      expect(inQuietWindow(night, seconds(t)), t).toBe(true);
    for (const t of ["08:00", "12:00", "20:59"]) expect(inQuietWindow(night, seconds(t)), t).toBe(false);
  });
  it("handles a window inside one day", () => {
    const lunch = { start: "13:00", end: "14:00" };
    expect(inQuietWindow(lunch, seconds("13:30"))).toBe(true);
    expect(inQuietWindow(lunch, seconds("14:00"))).toBe(false);
    expect(inQuietWindow(lunch, seconds("00:30"))).toBe(false);
  });
  it("treats start = end as no quiet hours", () => {
    expect(inQuietWindow({ start: "09:00", end: "09:00" }, seconds("09:00"))).toBe(false);
  });
});

describe("inQuietHours in the line's zone", () => {
  const night = { start: "21:00", end: "08:00" };
  it("reads the clock in the zone, not UTC", () => {
    // 2026-07-01T02:00Z is 22:00 EDT (quiet) and 03:00 BST (quiet), 07:30 IST (quiet), 12:00 AEST (not).
    const instant = new Date("2026-07-01T02:00:00Z");
    expect(inQuietHours(night, "America/New_York", instant)).toBe(true);
    expect(inQuietHours(night, "Asia/Kolkata", instant)).toBe(true);
    expect(inQuietHours(night, "Australia/Sydney", instant)).toBe(false);
    expect(inQuietHours(null, "America/New_York", instant)).toBe(false);
  });
  it("gives the window's end as the first time a call may be placed", () => {
    const tz = "America/New_York";
    // 22:00 EDT on 30 June → 08:00 EDT on 1 July.
    expect(quietHoursEnd(night, tz, new Date("2026-07-01T02:00:00Z"))).toEqual(
      new Date("2026-07-01T12:00:00Z"),
    );
    // 06:00 EDT → 08:00 the same morning.
    expect(quietHoursEnd(night, tz, new Date("2026-07-01T10:00:00Z"))).toEqual(
      new Date("2026-07-01T12:00:00Z"),
    );
    // Outside the window → unchanged.
    const noon = new Date("2026-07-01T16:00:00Z");
    expect(quietHoursEnd(night, tz, noon)).toEqual(noon);
  });
});
