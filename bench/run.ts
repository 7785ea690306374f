/**
 * `npm run bench [name…]`: runs the named benchmarks (all when none is named), one process each, and
 * lets each print its own numbers.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const benches: Record<string, string> = {
  "inbound-webhook": "inbound-webhook.ts",
  bridge: "bridge.ts",
  safety: "safety.ts",
};

const chosen = process.argv.slice(2);
const names = chosen.length > 0 ? chosen : Object.keys(benches);
let failed = 0;
for (const name of names) {
  const file = benches[name];
  if (!file) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, file)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
