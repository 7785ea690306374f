/**
 * `npm test`: every Vitest project in one run, then the plain closing line `N passed, N failed` that
 * CI reads (the summary reporter writes the counts; this prints them last, after Vitest's own output).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const summaryFile = join(root, ".ultaura", "test-summary.json");
mkdirSync(join(root, ".ultaura"), { recursive: true });
rmSync(summaryFile, { force: true });

const result = spawnSync(join(root, "node_modules", ".bin", "vitest"), ["run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ULTAURA_TEST_SUMMARY: summaryFile },
});

let passed = 0;
let failed = 1;
let skipped = 0;
if (existsSync(summaryFile)) ({ passed, failed, skipped } = JSON.parse(readFileSync(summaryFile, "utf8")));
const code = result.status ?? 1;
if (code !== 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`);
process.exit(code);
