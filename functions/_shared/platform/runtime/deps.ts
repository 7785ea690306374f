import { z } from "zod";
import { loadConfig } from "../config/load.ts";
import { createDatabase, type Database } from "../db.ts";
import { createLogger, type Logger, type LogLevel } from "../log.ts";

/** What every function receives at start; each function validates its own further settings from `env`. */
export interface FunctionDeps {
  db: Database;
  log: Logger;
  env: Record<string, string | undefined>;
}

const baseSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "a postgres:// URL"),
  // Connections each function's isolate keeps; .env.example says what was measured.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  // Server-side prepared statements: only where the connection keeps them (not the transaction pooler).
  DATABASE_PREPARE: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export function createFunctionDeps(name: string, env: Record<string, string | undefined>): FunctionDeps {
  const config = loadConfig(baseSchema, env);
  return {
    db: createDatabase(config.DATABASE_URL, {
      max: config.DATABASE_POOL_MAX,
      prepare: config.DATABASE_PREPARE,
    }),
    log: createLogger({ fn: name }, config.LOG_LEVEL as LogLevel),
    env,
  };
}
