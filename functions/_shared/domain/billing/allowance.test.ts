import { describe, expect, it } from "vitest";
import { allowanceFrom, type CycleMinutes, secondsForCall } from "./allowance.ts";

const paid: CycleMinutes = {
  planKind: "paid",
  minutesIncluded: 200,
  minutesUsed: 195,
  overageMinutesUsed: 0,
  overageCentsPerMinute: 15,
  spendingCapCents: null,
};

describe("allowanceFrom", () => {
  it("gives a trial its remaining minutes, never below zero", () => {
    const trial = { ...paid, planKind: "trial" as const, minutesIncluded: 20, overageCentsPerMinute: 0 };
    expect(allowanceFrom({ ...trial, minutesUsed: 19 })).toEqual({
      limited: true,
      reason: "trial",
      seconds: 60,
    });
    expect(allowanceFrom({ ...trial, minutesUsed: 25 })).toEqual({
      limited: true,
      reason: "trial",
      seconds: 0,
    });
  });

  it("lets a paid account without a cap run on", () => {
    expect(allowanceFrom(paid)).toEqual({ limited: false });
    expect(allowanceFrom({ ...paid, planKind: "payg", minutesIncluded: 0 })).toEqual({ limited: false });
  });

  it("adds the included minutes left to the overage minutes the cap still pays for", () => {
    // $10 at 15 cents a minute buys 66 whole minutes of overage.
    expect(allowanceFrom({ ...paid, spendingCapCents: 1000 })).toEqual({
      limited: true,
      reason: "spending_cap",
      seconds: (5 + 66) * 60,
    });
    expect(
      allowanceFrom({ ...paid, minutesUsed: 260, overageMinutesUsed: 60, spendingCapCents: 1000 }),
    ).toEqual({
      limited: true,
      reason: "spending_cap",
      seconds: 6 * 60,
    });
    expect(
      allowanceFrom({ ...paid, minutesUsed: 270, overageMinutesUsed: 70, spendingCapCents: 1000 }),
    ).toMatchObject({
      seconds: 0,
    });
  });

  it("counts every pay-as-you-go minute against the cap", () => {
    const payg = {
      ...paid,
      planKind: "payg" as const,
      minutesIncluded: 0,
      minutesUsed: 10,
      overageMinutesUsed: 10,
    };
    expect(allowanceFrom({ ...payg, spendingCapCents: 2500 })).toMatchObject({ seconds: (166 - 10) * 60 });
  });
});

describe("secondsForCall", () => {
  it("shares what is left between the calls live now", () => {
    expect(secondsForCall(60, [0, 0], true)).toBe(30);
    expect(secondsForCall(60, [20, 10], true)).toBe(15);
    expect(secondsForCall(60, [], false)).toBe(60);
    expect(secondsForCall(60, [10], false)).toBe(25);
  });

  it("is zero once the live calls have used the remainder", () => {
    expect(secondsForCall(60, [40, 30], true)).toBe(0);
  });
});
