import { describe, expect, it } from "vitest";
import { type DialLine, decideDial } from "./dial-decision.ts";

const line: DialLine = {
  lineId: "line-1",
  accountId: "account-1",
  phoneE164: "+15555550100",
  verified: true,
  lineStatus: "active",
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
    expect(decideDial(line, NOON_LA)).toEqual({ kind: "place" });
  });
  it("puts opting out before every other reason", () => {
    expect(
      decideDial({ ...line, doNotCall: true, verified: false, accountStatus: "suspended" }, LATE_LA),
    ).toEqual({
      kind: "skip",
      reason: "skipped_opt_out",
    });
  });
  it.each([
    [{ verified: false }, "skipped_unverified"],
    [{ lineStatus: "paused" as const }, "skipped_line_inactive"],
    [{ accountStatus: "canceled" as const }, "skipped_account_inactive"],
    [{ planKind: "trial", minutesRemaining: 0 }, "skipped_no_minutes"],
    [{ overageCapReached: true }, "skipped_over_cap"],
  ])("refuses %o with %s", (change, reason) => {
    expect(decideDial({ ...line, ...change }, NOON_LA)).toEqual({ kind: "skip", reason });
  });
  it("still calls a past-due account and a trial with minutes left", () => {
    expect(decideDial({ ...line, accountStatus: "past_due" }, NOON_LA)).toEqual({ kind: "place" });
    expect(decideDial({ ...line, planKind: "trial", minutesRemaining: 3 }, NOON_LA)).toEqual({
      kind: "place",
    });
  });
  it("skips in quiet hours, defers a retry to their end, and lets a test call through", () => {
    expect(decideDial(line, LATE_LA)).toEqual({ kind: "skip", reason: "skipped_quiet_hours" });
    expect(decideDial(line, LATE_LA, { deferInQuietHours: true })).toEqual({
      kind: "defer",
      until: new Date("2026-07-01T15:00:00Z"),
    });
    expect(decideDial(line, LATE_LA, { ignoreQuietHours: true })).toEqual({ kind: "place" });
  });
});
