import { describe, expect, it } from "vitest";
import { classifyMinutes } from "./metering.ts";

const paid = { planKind: "paid" as const, minutesIncluded: 200, answeredByMachine: false };

describe("classifyMinutes", () => {
  it("rounds every started minute up, short calls included", () => {
    expect(classifyMinutes({ ...paid, secondsConnected: 0, minutesUsedBefore: 0 }).billableMinutes).toBe(0);
    expect(classifyMinutes({ ...paid, secondsConnected: 1, minutesUsedBefore: 0 }).billableMinutes).toBe(1);
    expect(classifyMinutes({ ...paid, secondsConnected: 60, minutesUsedBefore: 0 }).billableMinutes).toBe(1);
    expect(classifyMinutes({ ...paid, secondsConnected: 61, minutesUsedBefore: 0 }).billableMinutes).toBe(2);
  });

  it("bills nothing for a voicemail left on a machine", () => {
    expect(
      classifyMinutes({ ...paid, secondsConnected: 45, minutesUsedBefore: 0, answeredByMachine: true }),
    ).toEqual({
      billableMinutes: 0,
      overageMinutes: 0,
      billableType: "included",
    });
  });

  it("splits a call crossing the included allowance at the boundary", () => {
    expect(classifyMinutes({ ...paid, secondsConnected: 10 * 60, minutesUsedBefore: 195 })).toEqual({
      billableMinutes: 10,
      overageMinutes: 5,
      billableType: "overage",
    });
    expect(classifyMinutes({ ...paid, secondsConnected: 5 * 60, minutesUsedBefore: 195 })).toEqual({
      billableMinutes: 5,
      overageMinutes: 0,
      billableType: "included",
    });
    expect(classifyMinutes({ ...paid, secondsConnected: 90, minutesUsedBefore: 250 })).toEqual({
      billableMinutes: 2,
      overageMinutes: 2,
      billableType: "overage",
    });
  });

  it("never gives a trial overage, and bills payg in full", () => {
    expect(
      classifyMinutes({
        planKind: "trial",
        minutesIncluded: 20,
        minutesUsedBefore: 19,
        secondsConnected: 150,
        answeredByMachine: false,
      }),
    ).toEqual({ billableMinutes: 3, overageMinutes: 0, billableType: "trial" });
    expect(
      classifyMinutes({
        planKind: "payg",
        minutesIncluded: 0,
        minutesUsedBefore: 40,
        secondsConnected: 150,
        answeredByMachine: false,
      }),
    ).toEqual({ billableMinutes: 3, overageMinutes: 3, billableType: "payg" });
  });
});
