import type { z } from "zod";
import { exampleSecretsInUse } from "../../contracts/example-secrets.ts";
import { runtimeEnv } from "./env.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Validates the environment once, at start. The error names every missing or malformed variable and
 * never echoes a value, since most of them are secrets. A deployment reachable from outside (a public URL
 * that is not local; Supabase sets SUPABASE_URL for every function) refuses `.env.example`'s secrets.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = runtimeEnv(),
): z.infer<S> {
  const examples = exampleSecretsInUse(env, [
    env.FUNCTIONS_PUBLIC_URL,
    env.BRIDGE_PUBLIC_URL,
    env.SUPABASE_URL,
  ]);
  if (examples.length > 0) {
    throw new ConfigError(
      `Refusing to start: ${examples.join(", ")} still equal .env.example's published values while the public URLs are not local. Set real secrets.`,
    );
  }
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
