import { describe, expect, it } from "vitest";
import { CronError, cronMatches, parseCron } from "./cron.ts";

const at = (iso: string) => new Date(iso);

describe("cron", () => {
  it("fires every minute for * * * * *", () => {
    const cron = parseCron("* * * * *");
    expect(cronMatches(cron, at("2026-11-28T02:00:00Z"))).toBe(true);
    expect(cronMatches(cron, at("2026-11-28T23:59:30Z"))).toBe(true);
  });
  it("handles steps, ranges and lists in UTC", () => {
    const cron = parseCron("*/15 9-17 * * 1-5");
    expect(cronMatches(cron, at("2026-11-30T09:45:00Z"))).toBe(true); // Monday
    expect(cronMatches(cron, at("2026-11-30T09:50:00Z"))).toBe(false);
    expect(cronMatches(cron, at("2026-11-29T09:45:00Z"))).toBe(false); // Sunday
    expect(cronMatches(parseCron("0 0 1,15 * *"), at("2026-12-15T00:00:00Z"))).toBe(true);
  });
  it("matches either day field when both are restricted", () => {
    const cron = parseCron("0 12 1 * 0");
    expect(cronMatches(cron, at("2026-12-01T12:00:00Z"))).toBe(true); // the 1st, a Tuesday
    expect(cronMatches(cron, at("2026-12-06T12:00:00Z"))).toBe(true); // a Sunday
    expect(cronMatches(cron, at("2026-12-07T12:00:00Z"))).toBe(false);
  });
  it("refuses malformed expressions", () => {
    for (const bad of ["* * * *", "61 * * * *", "*/0 * * * *", "a * * * *"]) {
      expect(() => parseCron(bad), bad).toThrow(CronError);
    }
  });
});
