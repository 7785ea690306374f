import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "./bytes.ts";

describe("base64", () => {
  it("round-trips every byte value and large inputs", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31 + 7) % 256);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });

  it("matches a reference encoding", () => {
    expect(bytesToBase64(new TextEncoder().encode("Rose"))).toBe("Um9zZQ==");
  });

  it("ignores the line breaks Postgres puts in encode(…, 'base64')", () => {
    expect(base64ToBytes("Um9z\nZQ==")).toEqual(new TextEncoder().encode("Rose"));
  });

  it("refuses text that is not base64", () => {
    expect(() => base64ToBytes("not base64!")).toThrow(TypeError);
    expect(() => base64ToBytes("abc")).toThrow(TypeError);
  });
});
