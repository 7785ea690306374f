/**
 * The import map Supabase's deploy bundles each Edge Function with (`functions/<name>/deno.json`): every
 * dependency of `functions/package.json` as an `npm:` specifier at the exact version package-lock.json
 * locked, plus a `name/` prefix for subpath imports (`hono/cors`, `twilio/lib/…`). Supabase's bundler
 * has no node_modules, so these are the only bare names a deployed function can resolve.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type DenoConfig = { imports: Record<string, string> };

type Lock = { packages: Record<string, { version?: string }> };

export function lockedVersion(lock: Lock, name: string): string {
  const version =
    lock.packages[`functions/node_modules/${name}`]?.version ??
    lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`package-lock.json has no version of ${name}; run npm install`);
  return version;
}

export function functionsImportMap(root: string): DenoConfig {
  const manifest = JSON.parse(readFileSync(join(root, "functions", "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as Lock;
  const imports: Record<string, string> = {};
  for (const name of Object.keys(manifest.dependencies).sort()) {
    const version = lockedVersion(lock, name);
    imports[name] = `npm:${name}@${version}`;
    imports[`${name}/`] = `npm:/${name}@${version}/`;
  }
  return { imports };
}

/** The deployed functions: every folder of `functions/` whose name does not start with `_`. */
export function functionNames(root: string): string[] {
  return readdirSync(join(root, "functions"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_") && entry.name !== "node_modules")
    .map((entry) => entry.name)
    .sort();
}

export const denoJsonText = (config: DenoConfig) => `${JSON.stringify(config, null, 2)}\n`;
