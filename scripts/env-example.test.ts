import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `.env.example` documents every variable the code reads, and none it does not. "Reads" is what the
 * source says: `process.env.X`, `import.meta.env.X`, `env.X`/`env["X"]`, `Deno.env.get("X")`, a zod
 * config schema's key (`X: z…`) and the Worker's wrangler.toml [vars]; "documented" is a line `X=` or
 * `# X=` in .env.example.
 */
const root = resolve(import.meta.dirname, "..");
const sources = execFileSync(
  "git",
  [
    "ls-files",
    "functions",
    "bridge-worker/src",
    "web/src",
    "web/vite.config.ts",
    "scripts",
    "simulators",
    "bench",
    "tests/support",
  ],
  { cwd: root, encoding: "utf8" },
)
  .split("\n")
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.ts$/.test(file) && !file.includes("/fixtures/"));

/** Names the code reads that are not settings anyone sets, and why. */
const notSettings: Record<string, string> = {
  CALL_BRIDGE: "the Worker's Durable Object binding (wrangler.toml)",
  DEV: "Vite's own import.meta.env.DEV",
  ULTAURA_TEST_SUMMARY: "npm test hands it to its own reporter",
  PGLITE_DATA_DIR: "npm start hands it to its own embedded Postgres process",
};

const read = new Map<string, string>();
const wordsInCode = new Set<string>();
const envRead =
  /(?:process\.env|import\.meta\.env|\benv|\bvalues|\bsettings)\??\.([A-Z][A-Z0-9_]{2,})\b|env\["([A-Z][A-Z0-9_]+)"\]|Deno\.env\.get\("([A-Z][A-Z0-9_]+)"\)|\bport\("([A-Z][A-Z0-9_]+)"/g;
const schemaKey = /^\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+):\s*(?:z\b|[a-z][A-Za-z]*\b(?![:(]))/gm;
for (const file of sources) {
  const text = readFileSync(join(root, file), "utf8");
  for (const word of text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? []) wordsInCode.add(word);
  for (const match of text.matchAll(envRead)) {
    const name = match.slice(1).find(Boolean) as string;
    if (!read.has(name)) read.set(name, file);
  }
  if (text.includes('from "zod"')) {
    for (const match of text.matchAll(schemaKey))
      if (!read.has(match[1] as string)) read.set(match[1] as string, file);
  }
}
const wrangler = readFileSync(join(root, "wrangler.toml"), "utf8");
for (const match of wrangler.matchAll(/^([A-Z][A-Z0-9_]+) = /gm))
  read.set(match[1] as string, "wrangler.toml");

const example = readFileSync(join(root, ".env.example"), "utf8");
const documented = new Set(
  [...example.matchAll(/^(?:# ?)?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1] as string),
);

describe(".env.example", () => {
  it("documents every variable the code reads", () => {
    const undocumented = [...read]
      .filter(([name]) => !documented.has(name) && !(name in notSettings))
      .map(([name, file]) => `${name} (read in ${file})`);
    expect(undocumented).toEqual([]);
  });

  it("documents no variable the code does not read", () => {
    expect([...documented].filter((name) => !read.has(name) && !wordsInCode.has(name))).toEqual([]);
  });

  it("the scan finds the reads it must (a guard against a scan that finds nothing)", () => {
    for (const name of [
      "DATABASE_URL",
      "STRIPE_SECRET_KEY",
      "VITE_SUPABASE_URL",
      "FUNCTIONS_URL",
      "MEMORY_KEK",
    ]) {
      expect(read.has(name), name).toBe(true);
    }
  });
});
