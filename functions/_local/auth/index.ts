import { z } from "zod";
import { SEED } from "../../../supabase/seed-ids.ts";
import { loadConfig } from "../../_shared/platform/config/load.ts";
import { createDatabase } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { createLocalAuthApp } from "./app.ts";
import { mailCatcher } from "./email-links.ts";
import { ensureAuthTables, setSeedPasswords } from "./store.ts";

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "a postgres:// URL"),
  SUPABASE_JWT_SECRET: z.string().min(32),
  SEED_USER_PASSWORD: z.string().min(6),
  ALLOWED_ORIGINS: z.string().default(""),
  /** `true`: sign-up waits for the e-mailed link, as on Supabase in production (local default: off). */
  LOCAL_AUTH_CONFIRM_EMAIL: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** The local mail catcher (simulators/mail); without it the links are only logged. */
  MAIL_SIM_URL: z.url().optional(),
  WEB_APP_URL: z.url().optional(),
});

export const SEED_EMAILS = Object.values(SEED.users).map((user) => user.email);

/**
 * The local Auth server as the gateway serves it on `/auth/v1/…`: makes its session tables, gives the
 * seeded users SEED_USER_PASSWORD, and answers requests. Local only.
 */
export async function startLocalAuth(env: Record<string, string | undefined>, log: Logger, apiUrl: string) {
  const config = loadConfig(schema, env);
  const { sql } = createDatabase(config.DATABASE_URL, { max: 3 });
  await ensureAuthTables(sql);
  const seeded = await setSeedPasswords(sql, SEED_EMAILS, config.SEED_USER_PASSWORD);
  if (seeded > 0) log.info("local auth: seeded users can sign in with SEED_USER_PASSWORD", { users: seeded });
  return createLocalAuthApp({
    sql,
    log,
    jwtSecret: config.SUPABASE_JWT_SECRET,
    apiUrl,
    allowedOrigins: config.ALLOWED_ORIGINS.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    confirmEmail: config.LOCAL_AUTH_CONFIRM_EMAIL,
    ...(config.MAIL_SIM_URL ? { mailer: mailCatcher(config.MAIL_SIM_URL) } : {}),
    ...(config.WEB_APP_URL ? { siteUrl: config.WEB_APP_URL } : {}),
  });
}
