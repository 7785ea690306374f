import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "./lock.ts";

describe("acquireLock", () => {
  const lockPath = () => join(mkdtempSync(join(tmpdir(), "ultaura-lock-")), "stack.pid");

  it("takes a free lock and releases it", () => {
    const path = lockPath();
    const lock = acquireLock(path);
    expect(lock.ok).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(String(process.pid));
    if (lock.ok) lock.release();
    expect(acquireLock(path).ok).toBe(true);
  });

  it("refuses while the holder is alive and names it", () => {
    const path = lockPath();
    writeFileSync(path, String(process.ppid));
    expect(acquireLock(path)).toEqual({ ok: false, pid: process.ppid });
  });

  it("takes over a lock whose holder is gone", () => {
    const path = lockPath();
    writeFileSync(path, "999999999");
    expect(acquireLock(path).ok).toBe(true);
  });
});
