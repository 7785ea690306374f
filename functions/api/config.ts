import { z } from "zod";
import {
  e164,
  httpUrl,
  twilioAccountSid,
  twilioAuthToken,
  twilioVerifyServiceSid,
} from "../_shared/contracts/config-fields.ts";
import type { JwtVerifierOptions } from "../_shared/platform/auth/verify-jwt.ts";
import { loadConfig } from "../_shared/platform/config/load.ts";

const origins = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url().refine((url) => url !== "*", "list origins, not *")));

const schema = z
  .object({
    SUPABASE_JWT_SECRET: z.string().min(32).optional(),
    /** Set by Supabase in every hosted function; without a JWT secret, its JWKS verifies user tokens. */
    SUPABASE_URL: z.url().optional(),
    ALLOWED_ORIGINS: origins.default([]),
    TWILIO_ACCOUNT_SID: twilioAccountSid,
    TWILIO_AUTH_TOKEN: twilioAuthToken,
    TWILIO_API_BASE_URL: httpUrl,
    TWILIO_VERIFY_BASE_URL: httpUrl,
    TWILIO_VERIFY_SERVICE_SID: twilioVerifyServiceSid,
    /** The number texts come from (a trusted contact hears of a line's number change). E.164. */
    TWILIO_PHONE_NUMBER: e164,
    UPSTASH_REDIS_REST_URL: z.url(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
    /**
     * Where the client's address comes from, for the per-IP limit on verification codes: a header the
     * platform's edge writes, never one the client can set. `x-forwarded-for-last`: the last hop of
     * X-Forwarded-For (the edge appends the address it saw; earlier entries are the client's own words).
     */
    CLIENT_IP_HEADER: z.enum(["x-forwarded-for-last", "cf-connecting-ip"]).default("x-forwarded-for-last"),
    /** ISO 3166 countries whose numbers may get a verification code (and so be called), comma-separated. */
    VERIFY_ALLOWED_COUNTRIES: z
      .string()
      .default("US,CA")
      .transform((value) =>
        value
          .split(",")
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, "two-letter country codes, e.g. US,CA")).min(1)),
    /** Accept the fictional +1 555 numbers the simulators use. Never in production. */
    ALLOW_FICTIONAL_PHONE_NUMBERS: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
  })
  .refine((config) => config.SUPABASE_JWT_SECRET || config.SUPABASE_URL, {
    path: ["SUPABASE_JWT_SECRET"],
    message: "set SUPABASE_JWT_SECRET (HS256), or SUPABASE_URL to verify with the project's JWKS",
  });

export type ApiConfig = z.infer<typeof schema>;

export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  return loadConfig(schema, env);
}

/**
 * How functions/api checks a user's token. With SUPABASE_JWT_SECRET (`npm start`, legacy projects): HS256
 * with that secret. Without it — a hosted project, where Supabase refuses secrets named SUPABASE_* — the
 * project's asymmetric signing keys, published at `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`.
 */
export function jwtVerification(config: ApiConfig): JwtVerifierOptions {
  if (config.SUPABASE_JWT_SECRET) return { secret: config.SUPABASE_JWT_SECRET };
  return { jwksUrl: `${(config.SUPABASE_URL as string).replace(/\/+$/, "")}/auth/v1/.well-known/jwks.json` };
}
