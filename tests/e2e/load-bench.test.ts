import { describe, expect, inject, it } from "vitest";
import { runWholeStackLoad } from "../../bench/load-run.ts";

const { urls, databaseUrl, env } = inject("stack");

/**
 * The whole-stack load run's pieces at two calls for a few seconds, so `npm run bench load` cannot rot:
 * both calls go the real path and end in the ledger once, the side traffic is answered, and the figures
 * are counted. No timing is asserted. (The shared stack is not this test's to measure, so no processes.)
 */
describe("the whole-stack load run", () => {
  it("places two calls through the real path beside API and webhook traffic, and counts them", async () => {
    const result = await runWholeStackLoad(
      { urls, databaseUrl, env, pids: {} },
      { calls: 2, seconds: 6, sidePerSecond: 2, batch: 8 },
    );
    expect(result.errors).toEqual([]);
    expect(result.calls).toBe(2);
    expect(result.callerFramesSent).toBeGreaterThan(0);
    expect(result.framesReachingGrok).toBeGreaterThan(0);
    expect(result.firstAudioMs.count).toBe(2);
    expect(result.apiMs.count).toBeGreaterThan(0);
    expect(result.webhookMs.count).toBeGreaterThan(0);
  });
});
