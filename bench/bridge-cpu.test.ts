import { describe, expect, it } from "vitest";
import { ownCpuMs, parseProcStat } from "./bridge-cpu.ts";

describe("process CPU from /proc", () => {
  it("reads parent, group and user+system ticks, even when the command name holds spaces and parentheses", () => {
    const stat = "4242 (work erd (x)) S 4200 4100 4100 0 -1 4194560 900 0 0 0 250 75 0 0 20 0 12 0 99 0 0";
    expect(parseProcStat(stat)).toEqual({ parentPid: 4200, groupId: 4100, cpuMs: 3250 });
  });

  it("counts this process's own CPU", () => {
    const before = ownCpuMs();
    let spin = 0;
    for (let i = 0; i < 2_000_000; i++) spin += i % 7;
    expect(spin).toBeGreaterThan(0);
    expect(ownCpuMs()).toBeGreaterThan(before);
  });
});
