/**
 * `npm run check`: format and lint (Biome), then type-check each runtime on its own terms:
 * Node (scripts, simulators, tests, functions' shared code), workerd (bridge-worker), the browser (web),
 * and Deno for every Edge Function entrypoint, since production runs them on Supabase's Deno runtime.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const functionEntrypoints = readdirSync(join(root, "functions"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
  .map((entry) => `functions/${entry.name}/index.ts`);

const steps: [string, string, string[]][] = [
  ["format and lint", bin("biome"), ["check", "."]],
  ["types: Node", bin("tsc"), ["-p", "tsconfig.json"]],
  // The Worker's Env is generated from wrangler.toml (npm run types:worker); a stale file fails here.
  ["types: Worker Env up to date", process.execPath, ["--import", "tsx", "scripts/worker-types-fresh.ts"]],
  ["types: workerd", bin("tsc"), ["-p", "bridge-worker/tsconfig.json"]],
  ["types: web", bin("tsc"), ["-p", "web/tsconfig.json"]],
  ["types: Deno", bin("deno"), ["check", "functions/serve-local.ts", ...functionEntrypoints]],
];

let failed = 0;
for (const [label, command, args] of steps) {
  process.stdout.write(`\n── ${label}\n`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
  });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`✗ ${label} failed\n`);
  }
}
process.stdout.write(failed ? `\n${failed} check(s) failed\n` : "\nAll checks passed\n");
process.exit(failed ? 1 : 0);
