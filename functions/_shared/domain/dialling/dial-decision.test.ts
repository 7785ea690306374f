import { describe, expect, it } from "vitest";
import { DEFAULT_CALLING_HOURS } from "../scheduling/calling-hours.ts";
import { type DialLine, type DialPolicy, decideDial } from "./dial-decision.ts";

const floor: DialPolicy = { callingHours: DEFAULT_CALLING_HOURS };

const line: DialLine = {
  lineId: "line-1",
  accountId: "account-1",
  phoneE164: "+15555550100",
  verified: true,
  lineStatus: "active",
  withinPlan: true,
  paused: false,
  doNotCall: false,
  timezone: "America/Los_Angeles",
  quietHours: { start: "21:00", end: "08:00" },
  accountStatus: "active",
  planKind: "paid",
  minutesRemaining: 0,
  overageCapReached: false,
};
const NOON_LA = new Date("2026-07-01T19:00:00Z");
const LATE_LA = new Date("2026-07-01T06:30:00Z");

describe("decideDial", () => {
  it("places a call for an active, verified line outside quiet hours (a paid plan needs no minutes left)", () => {
    expect(decideDial(line, NOON_LA, floor)).toEqual({ kind: "place" });
  });
  it("puts opting out before every other reason", () => {
    expect(
      decideDial({ ...line, doNotCall: true, verified: false, accountStatus: "suspended" }, LATE_LA, floor),
    ).toEqual({
      kind: "skip",
      reason: "skipped_opt_out",
    });
  });
  it.each([
    [{ verified: false }, "skipped_unverified"],
    [{ paused: true, lineStatus: "paused" as const }, "skipped_paused"],
    [{ lineStatus: "paused" as const }, "skipped_line_inactive"],
    [{ withinPlan: false }, "skipped_line_inactive"],
    [{ accountStatus: "canceled" as const }, "skipped_account_inactive"],
    [{ planKind: "trial", minutesRemaining: 0 }, "skipped_no_minutes"],
    [{ overageCapReached: true }, "skipped_over_cap"],
  ])("refuses %o with %s", (change, reason) => {
    expect(decideDial({ ...line, ...change }, NOON_LA, floor)).toEqual({ kind: "skip", reason });
  });
  it("still calls a past-due account and a trial with minutes left", () => {
    expect(decideDial({ ...line, accountStatus: "past_due" }, NOON_LA, floor)).toEqual({ kind: "place" });
    expect(decideDial({ ...line, planKind: "trial", minutesRemaining: 3 }, NOON_LA, floor)).toEqual({
      kind: "place",
    });
  });
  it("skips in quiet hours, defers a retry to their end, and lets a test call through within the floor", () => {
    expect(decideDial(line, LATE_LA, floor)).toEqual({ kind: "skip", reason: "skipped_quiet_hours" });
    expect(decideDial(line, LATE_LA, { ...floor, deferInQuietHours: true })).toEqual({
      kind: "defer",
      until: new Date("2026-07-01T15:00:00Z"),
    });
    // 23:30 is past the floor: ignoring the line's quiet hours does not ring.
    expect(decideDial(line, LATE_LA, { ...floor, ignoreQuietHours: true })).toEqual({
      kind: "skip",
      reason: "skipped_quiet_hours",
    });
    const evening = { ...line, quietHours: { start: "19:00", end: "08:00" } };
    const eightPm = new Date("2026-07-02T03:00:00Z");
    expect(decideDial(evening, eightPm, floor).kind).toBe("skip");
    expect(decideDial(evening, eightPm, { ...floor, ignoreQuietHours: true })).toEqual({ kind: "place" });
  });
  it("keeps the floor for a line without quiet hours; a retry waits for the floor, then for quiet hours", () => {
    const open = { ...line, quietHours: null };
    expect(decideDial(open, LATE_LA, floor)).toEqual({ kind: "skip", reason: "skipped_quiet_hours" });
    expect(decideDial(open, LATE_LA, { ...floor, deferInQuietHours: true })).toEqual({
      kind: "defer",
      until: new Date("2026-07-01T15:00:00Z"),
    });
    // Quiet until 09:30: the floor opens at 08:00, the retry waits to 09:30.
    const lateRiser = { ...line, quietHours: { start: "21:00", end: "09:30" } };
    expect(decideDial(lateRiser, LATE_LA, { ...floor, deferInQuietHours: true })).toEqual({
      kind: "defer",
      until: new Date("2026-07-01T16:30:00Z"),
    });
    // No floor (start = end): a line without quiet hours is rung at any hour.
    expect(decideDial(open, LATE_LA, { callingHours: { start: "00:00", end: "00:00" } })).toEqual({
      kind: "place",
    });
  });
});
