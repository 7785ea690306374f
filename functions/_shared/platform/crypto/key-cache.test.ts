import { describe, expect, it } from "vitest";
import { createKeyCache } from "./key-cache.ts";

const key = (name: string) => ({ name }) as unknown as CryptoKey;

describe("key cache", () => {
  it("returns what was stored until its time to live has passed", () => {
    let clock = 1_000;
    const cache = createKeyCache({ max: 10, ttlMs: 500, now: () => clock });
    cache.set("a/1", key("a"));
    clock += 499;
    expect(cache.get("a/1")).toEqual(key("a"));
    clock += 1;
    expect(cache.get("a/1")).toBeUndefined();
    expect(cache.get("b/1")).toBeUndefined();
  });

  it("drops the least recently used entry beyond its bound", () => {
    const cache = createKeyCache({ max: 2, ttlMs: 60_000, now: () => 0 });
    cache.set("a", key("a"));
    cache.set("b", key("b"));
    expect(cache.get("a")).toEqual(key("a")); // a is now the most recently used
    cache.set("c", key("c"));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual(key("a"));
    expect(cache.get("c")).toEqual(key("c"));
  });

  it("a stored key replaces the one before it and restarts its time to live", () => {
    let clock = 0;
    const cache = createKeyCache({ max: 2, ttlMs: 100, now: () => clock });
    cache.set("a", key("old"));
    clock = 90;
    cache.set("a", key("new"));
    clock = 150;
    expect(cache.get("a")).toEqual(key("new"));
  });
});
