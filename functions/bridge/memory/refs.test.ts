import { describe, expect, it } from "vitest";
import { isUuid, memoryRef, resolveMemoryRef } from "./refs.ts";

const a = { id: "60000000-0000-4000-8000-000000000001" };
const b = { id: "60000000-0000-4000-8000-000000000002" };

describe("memoryRef", () => {
  it("is m + 8 hex digits, stable, and differs between ids", async () => {
    const ref = await memoryRef(a.id);
    expect(ref).toMatch(/^m[0-9a-f]{8}$/);
    expect(await memoryRef(a.id.toUpperCase())).toBe(ref);
    expect(await memoryRef(b.id)).not.toBe(ref);
  });
});

describe("resolveMemoryRef", () => {
  it("finds by short id or full uuid", async () => {
    expect(await resolveMemoryRef(await memoryRef(b.id), [a, b])).toEqual({ kind: "found", item: b });
    expect(await resolveMemoryRef(` ${a.id.toUpperCase()} `, [a, b])).toEqual({ kind: "found", item: a });
  });
  it("reports ids that are not among the line's memories", async () => {
    expect(await resolveMemoryRef(await memoryRef(b.id), [a])).toEqual({ kind: "not_found" });
    expect(await resolveMemoryRef("70000000-0000-4000-8000-000000000009", [a, b])).toEqual({
      kind: "not_found",
    });
  });
  it("reports malformed references instead of guessing", async () => {
    expect(await resolveMemoryRef("m1", [a, b])).toEqual({ kind: "malformed" });
    expect(await resolveMemoryRef("the garden one", [a, b])).toEqual({ kind: "malformed" });
  });
  it("reports a short id shared by two memories as ambiguous", async () => {
    const twin = { id: a.id };
    expect(await resolveMemoryRef(await memoryRef(a.id), [a, twin])).toEqual({
      kind: "ambiguous",
      candidates: [a, twin],
    });
  });
  it("recognises uuids", () => {
    expect(isUuid(a.id)).toBe(true);
    expect(isUuid("m12345678")).toBe(false);
  });
});
