import { describe, expect, it } from "vitest";
import { exampleSetting, useUpstashSimulator } from "../../../tests/support/kit.ts";
import { createRateLimiter, LIMITS } from "./ratelimit.ts";

/**
 * The deployment's global budget of verification sends (issue 21): whoever asks, and from wherever, the
 * 501st code in an hour is refused — the real @upstash/ratelimit over the Upstash REST simulator.
 */
const upstash = useUpstashSimulator();

describe("the global verification send budget", () => {
  it("allows 500 sends an hour in all and refuses the 501st with a retry time", async () => {
    expect(LIMITS.verifySendGlobal).toEqual({ tokens: 500, window: "1 h" });
    const limit = createRateLimiter({ url: upstash.url, token: exampleSetting("UPSTASH_REDIS_REST_TOKEN") });
    const decisions = [];
    for (let i = 0; i < 500; i++) decisions.push((await limit("verifySendGlobal", "all")).kind);
    expect(decisions.filter((kind) => kind === "allowed")).toHaveLength(500);
    const over = await limit("verifySendGlobal", "all");
    expect(over.kind).toBe("limited");
    if (over.kind === "limited") expect(over.retryAfterSeconds).toBeGreaterThan(0);
    // The per-IP and per-phone budgets are separate keys: the global one is what stopped this send.
    expect((await limit("verifySendPerIp", "203.0.113.9")).kind).toBe("allowed");
  });
});
