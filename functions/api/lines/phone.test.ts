import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone.ts";
import { localWallTime } from "./schedules.ts";

describe("normalisePhone", () => {
  const strict = { allowFictional: false };
  it("normalises what families type to E.164, US by default", () => {
    expect(normalisePhone("(415) 555-0134", strict)).toEqual({ ok: true, value: "+14155550134" });
    expect(normalisePhone("+44 20 7946 0018", strict)).toEqual({ ok: true, value: "+442079460018" });
    expect(normalisePhone("1-415-555-0134", strict)).toEqual({ ok: true, value: "+14155550134" });
  });

  it("refuses numbers that cannot be called, naming the field and what was typed", () => {
    for (const input of ["12345", "call me", "+1 555 555 0100"]) {
      expect(normalisePhone(input, strict)).toEqual({
        ok: false,
        refusal: { code: "invalid_phone", typed: { field: "phone", input } },
      });
    }
  });

  it("accepts the simulators' fictional +1 555 numbers only when allowed", () => {
    expect(normalisePhone("555-555-0100", { allowFictional: true })).toEqual({
      ok: true,
      value: "+15555550100",
    });
  });
});

describe("localWallTime", () => {
  it("shows an instant as the line's clock does, across a DST change", () => {
    expect(localWallTime(new Date("2026-03-08T09:59:00Z"), "America/New_York")).toBe("2026-03-08 05:59");
    expect(localWallTime(new Date("2026-03-08T07:30:00Z"), "America/New_York")).toBe("2026-03-08 03:30");
    expect(localWallTime(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01 01:30");
    expect(localWallTime(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01 01:30");
  });
});
