import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineChoice, startUpstashSimulator, type UpstashSimulator } from "./index.ts";

/**
 * The official clients against the simulator over real HTTP, once per engine: a real redis-server (CI
 * installs Debian's) and the in-memory engine running the same Lua scripts.
 */
const TOKEN = "test-upstash-token";

describe.each(["redis-server", "memory"] as EngineChoice[])("Upstash REST simulator over %s", (engine) => {
  let sim: UpstashSimulator;
  let redis: Redis;

  beforeAll(async () => {
    sim = await startUpstashSimulator({ token: TOKEN, engine });
    redis = new Redis({ url: sim.url, token: TOKEN, enableTelemetry: false });
  });
  afterAll(() => sim.stop());

  it("runs on the engine asked for", () => {
    expect(sim.engine).toBe(engine);
  });

  it("round-trips values through base64 encoding, including ones that look like base64", async () => {
    await redis.set("plain", "abcd");
    await redis.set("unicode", "Grüße, Rosa 🌻");
    expect(await redis.get("plain")).toBe("abcd");
    expect(await redis.get("unicode")).toBe("Grüße, Rosa 🌻");
    expect(await redis.get("missing")).toBeNull();
  });

  it("answers numbers, hashes, expiry and pipelines", async () => {
    // One after another: separate HTTP requests sent at once may reach the server in any order.
    expect(await redis.incr("n")).toBe(1);
    expect(await redis.incrby("n", 4)).toBe(5);
    expect(await redis.get("n")).toBe(5);
    await redis.hset("h", { name: "Rose", calls: 3 });
    expect(await redis.hgetall("h")).toEqual({ name: "Rose", calls: 3 });
    await redis.set("short", "x", { px: 60_000 });
    const ttl = await redis.pttl("short");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const results = await redis.pipeline().set("p1", "one").get("p1").del("p1").exec();
    expect(results).toEqual(["OK", "one", 1]);
  });

  it("reports a failing command as an error and refuses a wrong token", async () => {
    await redis.set("text", "not a number");
    await expect(redis.incr("text")).rejects.toThrow(/not an integer/);
    const intruder = new Redis({ url: sim.url, token: "wrong", enableTelemetry: false, retry: false });
    await expect(intruder.get("plain")).rejects.toThrow();
  });

  it("runs @upstash/ratelimit's sliding window: the 6th of 5 an hour is refused until the window moves", async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(5, "1 h"),
      prefix: `test-${engine}`,
      ephemeralCache: false,
    });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await limiter.limit("phone:+15555550100"));
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(results[5]?.reset).toBeGreaterThan(Date.now());
    expect((await limiter.limit("phone:+15555550101")).success).toBe(true);
  });

  it("runs @upstash/ratelimit's fixed window", async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.fixedWindow(2, "1 m"),
      prefix: `fixed-${engine}`,
      ephemeralCache: false,
    });
    const results = [await limiter.limit("x"), await limiter.limit("x"), await limiter.limit("x")];
    expect(results.map((r) => r.success)).toEqual([true, true, false]);
  });
});
