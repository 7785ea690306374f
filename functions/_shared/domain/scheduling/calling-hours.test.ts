import { describe, expect, it } from "vitest";
import {
  DEFAULT_CALLING_HOURS,
  nextCallableInstant,
  outsideCallingHours,
  parseCallingHours,
} from "./calling-hours.ts";

const NY = "America/New_York";
const floor = DEFAULT_CALLING_HOURS;

describe("the calling-hours floor", () => {
  it("parses HH:MM-HH:MM and refuses anything else", () => {
    expect(parseCallingHours("08:00-21:00")).toEqual({ start: "08:00", end: "21:00" });
    expect(parseCallingHours(" 09:30-20:00 ")).toEqual({ start: "09:30", end: "20:00" });
    for (const bad of ["8-21", "08:00", "25:00-21:00", "08:00-21:60", "08:00–21:00"])
      expect(() => parseCallingHours(bad)).toThrow(RangeError);
  });

  it("is local time in the line's zone on both sides of spring forward (New York, 8 March 2026)", () => {
    // 07:59 EDT on the day the clocks went forward at 02:00 is 11:59Z; 08:00 EDT is 12:00Z.
    expect(outsideCallingHours(floor, NY, new Date("2026-03-08T11:59:00Z"))).toBe(true);
    expect(outsideCallingHours(floor, NY, new Date("2026-03-08T12:00:00Z"))).toBe(false);
    // The day before, 08:00 EST was 13:00Z: 12:30Z (07:30 EST) is still before the window.
    expect(outsideCallingHours(floor, NY, new Date("2026-03-07T12:30:00Z"))).toBe(true);
    // From 02:30 EST (07:30Z), in the night the clocks jump, the next callable instant is 08:00 EDT.
    expect(nextCallableInstant(floor, null, NY, new Date("2026-03-08T06:30:00Z"))).toEqual(
      new Date("2026-03-08T12:00:00Z"),
    );
  });

  it("is local time on both sides of fall back (New York, 1 November 2026)", () => {
    // 08:00 EST on the day the clocks went back is 13:00Z; 12:30Z is 07:30 EST.
    expect(outsideCallingHours(floor, NY, new Date("2026-11-01T12:30:00Z"))).toBe(true);
    expect(outsideCallingHours(floor, NY, new Date("2026-11-01T13:00:00Z"))).toBe(false);
    // 21:00 EST is 02:00Z next day: 01:59Z is the last callable minute.
    expect(outsideCallingHours(floor, NY, new Date("2026-11-02T01:59:00Z"))).toBe(false);
    expect(outsideCallingHours(floor, NY, new Date("2026-11-02T02:00:00Z"))).toBe(true);
    // From 01:30 in the repeated hour (05:30Z, EDT→EST), the next callable instant is 08:00 EST.
    expect(nextCallableInstant(floor, null, NY, new Date("2026-11-01T05:30:00Z"))).toEqual(
      new Date("2026-11-01T13:00:00Z"),
    );
  });

  it("waits for the later of the floor and the line's quiet hours; start = end is no floor", () => {
    const quiet = { start: "20:00", end: "10:00" };
    expect(nextCallableInstant(floor, quiet, NY, new Date("2026-11-01T05:30:00Z"))).toEqual(
      new Date("2026-11-01T15:00:00Z"),
    );
    const noFloor = { start: "00:00", end: "00:00" };
    expect(outsideCallingHours(noFloor, NY, new Date("2026-11-01T07:00:00Z"))).toBe(false);
    const now = new Date("2026-11-01T07:00:00Z");
    expect(nextCallableInstant(noFloor, null, NY, now)).toEqual(now);
  });
});
