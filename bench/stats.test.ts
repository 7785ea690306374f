import { describe, expect, it } from "vitest";
import { percentile, runConcurrent, summarize } from "./stats.ts";

describe("bench stats", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3 });
  });

  it("runs every task once, never more than the concurrency at a time", async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const { latencies } = await runConcurrent(20, 3, async (index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      seen.push(index);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
    });
    expect(latencies).toHaveLength(20);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });
});
