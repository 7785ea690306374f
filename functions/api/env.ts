import type { BillingDeps } from "../_shared/domain/billing/deps.ts";
import type { DialOutcome, DialRequest } from "../_shared/domain/dialling/dial.ts";
import type { JwtVerifier } from "../_shared/platform/auth/verify-jwt.ts";
import type { Keyring } from "../_shared/platform/crypto/keyring.ts";
import type { Database, JwtClaims, Tx } from "../_shared/platform/db.ts";
import type { AppVariables } from "../_shared/platform/http/app.ts";
import type { Logger } from "../_shared/platform/log.ts";
import type { RateLimiter } from "../_shared/platform/ratelimit.ts";
import type { TwilioRest } from "../_shared/platform/twilio-rest.ts";
import type { ApiConfig } from "./config.ts";

/** What every api route sees on its context: the request's id and logger, and the caller's verified claims. */
export type ApiEnv = { Variables: AppVariables & { claims: JwtClaims } };

/**
 * Everything the routes need, built once per function instance (see app.ts) and passed to each area's
 * route factory. Tests replace single parts (clock, limiter, dialler) through `createApiApp`'s overrides.
 */
export interface ApiServices {
  db: Database;
  log: Logger;
  config: ApiConfig;
  /** The raw environment, for areas that validate their own settings (e.g. billing's Stripe keys). */
  env: Record<string, string | undefined>;
  verifyJwt: JwtVerifier;
  /** The memory key-encryption keyring (only the memories routes need it). */
  keyring: Promise<Keyring>;
  now: () => Date;
  /** Billing (Stripe), built on first use; undefined where it is not configured (a 503 at the route). */
  billing: () => BillingDeps | undefined;
  /** Twilio REST and Verify (the simulator locally). */
  twilio: TwilioRest;
  /** @upstash/ratelimit over Upstash Redis; fails closed. */
  limit: RateLimiter;
  /** Round trip to the rate limiter's Redis (ms), for /health; absent when the limiter is replaced. */
  redisPing?: () => Promise<number>;
  /** The scheduler's dialler (functions/_shared/domain/dialling/dial.ts), for test calls. */
  dial: (request: DialRequest) => Promise<DialOutcome>;
}

/** Runs `fn` in one transaction as role `authenticated` with the caller's claims: RLS decides what exists. */
export function asCaller<T>(
  services: ApiServices,
  claims: JwtClaims,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return services.db.asUser(claims, fn);
}
