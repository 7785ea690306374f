/**
 * `npm run bench [name…]`: runs the named benchmarks (all when none is named), one process each, and
 * lets each print its own numbers.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const benches: Record<string, string> = {
  "inbound-webhook": "inbound-webhook.ts",
  bridge: "bridge.ts",
  scheduler: "scheduler.ts",
  reminders: "reminders.ts",
  api: "api.ts",
  "request-path": "request-path.ts",
  web: "web.ts",
  safety: "safety.ts",
  load: "load.ts",
};

// Names choose benchmarks; everything from the first `--option` on is passed to each of them.
const argv = process.argv.slice(2);
const optionStart = argv.findIndex((arg) => arg.startsWith("--"));
const chosen = optionStart === -1 ? argv : argv.slice(0, optionStart);
const options = optionStart === -1 ? [] : argv.slice(optionStart);
const names = chosen.length > 0 ? chosen : Object.keys(benches);
let failed = 0;
for (const name of names) {
  const file = benches[name];
  if (!file) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, file), ...options],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
