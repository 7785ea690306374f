import { describe, expect, it } from "vitest";
import { isRecord, num, scanString, str, stringRecord } from "./json.ts";

describe("scanString", () => {
  it("tells a missing key from a repeated one", () => {
    expect(scanString('{"a":"x","b":"y"}', '"b":"')).toBe("y");
    expect(scanString('{"a":"x"}', '"b":"')).toBeUndefined();
    expect(scanString('{"b":"x","c":{"b":"y"}}', '"b":"')).toBeNull();
  });
});

describe("narrowing", () => {
  it("keeps only values of the asked type", () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(str({ a: "x", b: 1 }, "a")).toBe("x");
    expect(str({ a: "x", b: 1 }, "b")).toBeUndefined();
    expect(num({ a: 1, b: Number.NaN, c: "1" }, "a")).toBe(1);
    expect(num({ a: 1, b: Number.NaN, c: "1" }, "b")).toBeUndefined();
    expect(num({ a: 1, b: Number.NaN, c: "1" }, "c")).toBeUndefined();
    expect(stringRecord({ a: "x", b: 2 })).toEqual({ a: "x" });
    expect(stringRecord("x")).toEqual({});
  });
});
