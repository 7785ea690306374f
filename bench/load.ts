/**
 * `npm run bench load -- --calls N --minutes M [--side R]`: the whole stack as `npm start` runs it (own
 * ports, a scratch data folder, the embedded database), N people ringing in at once for M minutes each,
 * R API reads and R Twilio webhooks a second beside them. Prints errors, frames lost, latencies and each
 * process's CPU and memory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { freePortsFor } from "../scripts/stack/free-port.ts";
import { startStack } from "../scripts/stack/index.ts";
import { DEFAULT_PORTS, type StackPorts } from "../scripts/stack/ports.ts";
import { runWholeStackLoad } from "./load-run.ts";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "4" },
    minutes: { type: "string", default: "1" },
    side: { type: "string", default: "5" },
  },
  strict: false,
});
const calls = Number(values.calls);
const seconds = Math.round(Number(values.minutes) * 60);
const side = Number(values.side);
if (!(calls >= 1 && calls <= 999_999 && seconds >= 1 && side > 0)) {
  console.error("usage: npm run bench load -- --calls N --minutes M [--side per-second]");
  process.exit(2);
}

const root = resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(join(tmpdir(), "ultaura-load-"));
const output: string[] = [];
const stack = await startStack({
  root,
  env: { ...loadLocalEnv(root, {}), LOG_LEVEL: "warn", QSTASH_SIM_TICK_CRON: "off" },
  ports: await freePortsFor(Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[]),
  dataDir,
  web: false,
  print: (line) => output.push(line),
  onUnexpectedExit: (name, how) => console.error(`${name} exited (${how})\n${output.slice(-30).join("\n")}`),
  startTimeoutMs: 180_000,
});
let failed = false;
try {
  console.log(`load before: ${(await import("node:fs")).readFileSync("/proc/loadavg", "utf8").trim()}`);
  const result = await runWholeStackLoad(
    { urls: stack.urls, databaseUrl: stack.databaseUrl, env: stack.env, pids: stack.pids() },
    { calls, seconds, sidePerSecond: side, batch: 7 },
  );
  const { errors, processes, ...figures } = result;
  console.log(JSON.stringify({ callsAsked: calls, seconds, sidePerSecond: side, ...figures }, null, 2));
  console.table(processes);
  console.log(`errors: ${errors.length}`);
  for (const error of errors.slice(0, 20)) console.log(`  ${error}`);
  failed = errors.length > 0;
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
