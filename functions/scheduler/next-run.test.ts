import { describe, expect, it } from "vitest";
import { NEXT_RUN_TIMES, NEXT_RUN_ZONES } from "../../tests/support/next-run-cases.ts";
import { localDateTime, offsetMs } from "../_shared/domain/scheduling/zoned-time.ts";
import { nextRunAt } from "./next-run.ts";

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const at = (iso: string) => new Date(iso);
const daily = (timeOfDay: string, timezone: string) => ({ daysOfWeek: EVERY_DAY, timeOfDay, timezone });

describe("nextRunAt: America/New_York", () => {
  it("keeps 10:00 local across the spring-forward night", () => {
    expect(nextRunAt(daily("10:00", "America/New_York"), at("2026-03-07T15:00:00Z"))).toEqual(
      at("2026-03-08T14:00:00Z"),
    );
  });
  it("moves 02:30, which does not exist on 8 March 2026, to the first valid minute (03:00 EDT)", () => {
    const first = nextRunAt(daily("02:30", "America/New_York"), at("2026-03-07T08:00:00Z"));
    expect(first).toEqual(at("2026-03-08T07:00:00Z"));
    expect(nextRunAt(daily("02:30", "America/New_York"), first)).toEqual(at("2026-03-09T06:30:00Z"));
  });
  it("runs 01:30 once on 1 November 2026, when it happens twice", () => {
    const first = nextRunAt(daily("01:30", "America/New_York"), at("2026-10-31T12:00:00Z"));
    expect(first).toEqual(at("2026-11-01T05:30:00Z"));
    expect(nextRunAt(daily("01:30", "America/New_York"), first)).toEqual(at("2026-11-02T06:30:00Z"));
  });
  it("picks only the chosen days and is strictly after `after`", () => {
    const monWed = { daysOfWeek: [1, 3], timeOfDay: "09:15:00", timezone: "America/New_York" };
    // Monday 2026-11-30 09:15 EST = 14:15Z; from exactly then the next is Wednesday.
    expect(nextRunAt(monWed, at("2026-11-30T14:15:00Z"))).toEqual(at("2026-12-02T14:15:00Z"));
    expect(nextRunAt(monWed, at("2026-11-30T14:14:59Z"))).toEqual(at("2026-11-30T14:15:00Z"));
    // Wednesday after the slot → next Monday.
    expect(nextRunAt(monWed, at("2026-12-02T20:00:00Z"))).toEqual(at("2026-12-07T14:15:00Z"));
  });
});

describe("nextRunAt: Europe/London", () => {
  it("moves 01:30 in the 29 March 2026 gap to 02:00 BST", () => {
    expect(nextRunAt(daily("01:30", "Europe/London"), at("2026-03-28T12:00:00Z"))).toEqual(
      at("2026-03-29T01:00:00Z"),
    );
  });
  it("runs 01:30 once on 25 October 2026 (first, BST) and then daily in GMT", () => {
    const first = nextRunAt(daily("01:30", "Europe/London"), at("2026-10-24T12:00:00Z"));
    expect(first).toEqual(at("2026-10-25T00:30:00Z"));
    expect(nextRunAt(daily("01:30", "Europe/London"), first)).toEqual(at("2026-10-26T01:30:00Z"));
  });
});

describe("nextRunAt: Australia/Lord_Howe (30-minute DST shift)", () => {
  it("moves 02:15 in the 4 October 2026 half-hour gap to 02:30 (+11:00)", () => {
    expect(nextRunAt(daily("02:15", "Australia/Lord_Howe"), at("2026-10-03T00:00:00Z"))).toEqual(
      at("2026-10-03T15:30:00Z"),
    );
  });
  it("runs 01:45 once on 5 April 2026, when 01:30–02:00 happens twice", () => {
    const first = nextRunAt(daily("01:45", "Australia/Lord_Howe"), at("2026-04-04T00:00:00Z"));
    expect(first).toEqual(at("2026-04-04T14:45:00Z"));
    expect(nextRunAt(daily("01:45", "Australia/Lord_Howe"), first)).toEqual(at("2026-04-05T15:15:00Z"));
  });
});

describe("nextRunAt: Asia/Kolkata (+05:30, no DST)", () => {
  it("is 04:30Z for 10:00 every day of the year", () => {
    let run = at("2025-12-31T12:00:00Z");
    for (let day = 0; day < 365; day++) {
      run = nextRunAt(daily("10:00", "Asia/Kolkata"), run);
      expect(run.getUTCHours() * 60 + run.getUTCMinutes()).toBe(4 * 60 + 30);
    }
    expect(run).toEqual(at("2026-12-31T04:30:00Z"));
  });
});

describe("nextRunAt: exhaustive over 2026", () => {
  for (const timezone of NEXT_RUN_ZONES) {
    it(`${timezone}: one run per local day, at the time or right after a gap`, () => {
      for (const timeOfDay of NEXT_RUN_TIMES) {
        const [hour, minute] = timeOfDay.split(":").map(Number) as [number, number];
        let run = at("2025-12-31T00:00:00Z");
        const days = new Set<string>();
        for (let i = 0; i < 366; i++) {
          const next = nextRunAt(daily(timeOfDay, timezone), run);
          expect(next.getTime()).toBeGreaterThan(run.getTime());
          const local = localDateTime(next, timezone);
          const key = `${local.year}-${local.month}-${local.day}`;
          expect(days.has(key), `${timezone} ${timeOfDay} ran twice on ${key}`).toBe(false);
          days.add(key);
          const wanted = hour * 60 + minute;
          const got = local.hour * 60 + local.minute;
          if (got !== wanted) {
            // Only in a spring-forward gap: later by at most the gap, and exactly at an offset change.
            expect(got).toBeGreaterThan(wanted);
            expect(got - wanted).toBeLessThanOrEqual(60);
            expect(offsetMs(new Date(next.getTime() - 60_000), timezone)).not.toBe(offsetMs(next, timezone));
          }
          run = next;
        }
        expect(days.size).toBe(366);
      }
    });
  }
});
