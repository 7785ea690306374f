import { describe, expect, it } from "vitest";
import { eventually } from "./eventually.ts";

describe("eventually", () => {
  it("returns the first value that holds, retrying reads that throw", async () => {
    let reads = 0;
    const value = await eventually(
      () => {
        reads += 1;
        if (reads < 3) throw new Error("not yet");
        return reads;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
  });

  it("waits for `until`, not just any value", async () => {
    let reads = 0;
    expect(await eventually(() => ++reads, { until: (n) => n === 4, intervalMs: 1 })).toBe(4);
  });

  it("fails at the deadline with the last error, or names the last value", async () => {
    await expect(
      eventually(
        () => {
          throw new Error("still down");
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow("still down");
    await expect(eventually(() => ({ runs: 1 }), { until: () => false, timeoutMs: 20 })).rejects.toThrow(
      'last value: {"runs":1}',
    );
  });
});
