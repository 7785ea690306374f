import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

/**
 * The family API's rate limits, with @upstash/ratelimit over Upstash Redis (its REST API; locally the
 * simulator in simulators/upstash). Sliding windows, so a burst at a window's edge cannot double the limit.
 *
 * Fails closed: when Redis cannot be reached (an error, or ratelimit's own timeout, which would otherwise
 * let the request through) the answer is `unavailable`, and the caller refuses the guarded action.
 */
export const LIMITS = {
  /** Verification codes sent to one phone number. */
  verifySendPerPhone: { tokens: 5, window: "1 h" },
  /** Verification codes sent for one account's lines. */
  verifySendPerAccount: { tokens: 20, window: "1 d" },
  /** Verification codes requested from one IP address. */
  verifySendPerIp: { tokens: 30, window: "1 h" },
  /** Every verification code the deployment sends, keyed "all": a ceiling on what abuse can cost per hour. */
  verifySendGlobal: { tokens: 500, window: "1 h" },
  /** Codes checked for one line. */
  verifyCheckPerLine: { tokens: 10, window: "1 h" },
  /** Test calls to one line. */
  testCallPerLine: { tokens: 3, window: "1 h" },
} as const satisfies Record<string, { tokens: number; window: `${number} ${"m" | "h" | "d"}` }>;

export type LimitName = keyof typeof LIMITS;

export type LimitDecision =
  | { kind: "allowed" }
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "unavailable" };

export type RateLimiter = (limit: LimitName, identifier: string) => Promise<LimitDecision>;

export interface RateLimiterOptions {
  url: string;
  token: string;
  /** Milliseconds before a Redis round trip counts as unavailable. */
  timeoutMs?: number;
  now?: () => number;
  /** Told when Redis fails, so the outage is logged. */
  onUnavailable?: (limit: LimitName, error: unknown) => void;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter & { ping(): Promise<number> } {
  const redis = new Redis({
    url: options.url,
    token: options.token,
    enableTelemetry: false,
    // One quick retry: a user is waiting, and failing closed beats hanging.
    retry: { retries: 1, backoff: () => 100 },
  });
  const now = options.now ?? Date.now;
  const limiters = new Map<LimitName, Ratelimit>();
  const limiterFor = (name: LimitName) => {
    let limiter = limiters.get(name);
    if (!limiter) {
      const { tokens, window } = LIMITS[name];
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(tokens, window),
        prefix: `ultaura:${name}`,
        timeout: options.timeoutMs ?? 3000,
        ephemeralCache: false,
      });
      limiters.set(name, limiter);
    }
    return limiter;
  };

  const limit: RateLimiter = async (name, identifier) => {
    try {
      const result = await limiterFor(name).limit(identifier);
      if (result.reason === "timeout") throw new Error("rate limit check timed out");
      if (result.success) return { kind: "allowed" };
      return { kind: "limited", retryAfterSeconds: Math.max(1, Math.ceil((result.reset - now()) / 1000)) };
    } catch (error) {
      options.onUnavailable?.(name, error);
      return { kind: "unavailable" };
    }
  };
  /** Round trip to Redis in milliseconds, for the function's health check. */
  const ping = async () => {
    const started = performance.now();
    await redis.ping();
    return performance.now() - started;
  };
  return Object.assign(limit, { ping });
}
