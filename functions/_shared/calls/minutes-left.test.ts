import { describe, expect, it } from "vitest";
import { minutesStatusFrom } from "./minutes-left.ts";

const now = new Date("2026-03-03T18:00:00Z");

describe("minutesStatusFrom", () => {
  it("counts a trial down from its remaining minutes, less this call's running time", () => {
    const connectedAt = new Date(now.getTime() - 95_000);
    expect(minutesStatusFrom({ planKind: "trial", minutesRemaining: 5 }, connectedAt, now)).toEqual({
      planKind: "trial",
      secondsRemaining: 205,
      hardCutoff: true,
    });
    expect(minutesStatusFrom({ planKind: "trial", minutesRemaining: 5 }, null, now).secondsRemaining).toBe(
      300,
    );
  });
  it("never goes below zero", () => {
    const connectedAt = new Date(now.getTime() - 600_000);
    expect(
      minutesStatusFrom({ planKind: "trial", minutesRemaining: 1 }, connectedAt, now).secondsRemaining,
    ).toBe(0);
  });
  it("lets paid and pay-as-you-go calls run on", () => {
    for (const planKind of ["paid", "payg"] as const) {
      expect(minutesStatusFrom({ planKind, minutesRemaining: 0 }, null, now)).toEqual({
        planKind,
        secondsRemaining: null,
        hardCutoff: false,
      });
    }
  });
});
