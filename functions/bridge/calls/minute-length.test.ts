import { describe, expect, it } from "vitest";
import { onMinuteOf } from "./minute-length.ts";

describe("the countdown on a configured minute", () => {
  const trial = { planKind: "trial" as const, hardCutoff: true };

  it("changes nothing on a real minute or without a countdown", () => {
    expect(onMinuteOf({ ...trial, secondsRemaining: 95 }, 60)).toEqual({ ...trial, secondsRemaining: 95 });
    const paid = { planKind: "paid" as const, hardCutoff: false, secondsRemaining: null };
    expect(onMinuteOf(paid, 5)).toBe(paid);
  });

  it("shortens what is left in proportion, never to less than a started second", () => {
    expect(onMinuteOf({ ...trial, secondsRemaining: 60 }, 5)).toEqual({ ...trial, secondsRemaining: 5 });
    expect(onMinuteOf({ ...trial, secondsRemaining: 1 }, 5)).toEqual({ ...trial, secondsRemaining: 1 });
    expect(onMinuteOf({ ...trial, secondsRemaining: 0 }, 5)).toEqual({ ...trial, secondsRemaining: 0 });
  });
});
