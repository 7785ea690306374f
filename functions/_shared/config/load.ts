import type { z } from "zod";
import { runtimeEnv } from "./env.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Validates the environment once, at start. The error names every missing or malformed variable and
 * never echoes a value, since most of them are secrets.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = runtimeEnv(),
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join(".");
    return env[key] === undefined || env[key] === ""
      ? `${key} is missing`
      : `${key} is invalid (${issue.message})`;
  });
  throw new ConfigError(`Configuration incomplete: ${problems.join("; ")}. See .env.example.`);
}
