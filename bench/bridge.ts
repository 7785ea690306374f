/**
 * N simultaneous calls through the bridge Worker: each call streams 20 ms caller frames in and gets 20 ms
 * model frames out, both tagged with their send time and timed at the far side. Prints, per path and N,
 * the latency each direction takes through the Worker (two loopback WebSocket hops included, so an upper
 * bound on what the bridge adds), frames lost, the WebSocket extensions the Worker agreed to, and CPU per
 * call-minute of the Worker's workerd process, of wrangler dev's proxy, and of this load generator, with
 * the machine's load averages beside them. The load generator runs on the same cores: past saturation
 * every number measures the machine, not the bridge.
 *
 * BENCH_PATHS (default all four; each load runs on every path in turn, so a shared host that speeds up
 * or slows down moves every path alike):
 * - "direct": our Worker in workerd through Miniflare's direct socket: the figure for production.
 * - "floor": a relay with none of our code in the same Worker + Durable Object shape
 *   (bridge-worker/bench/floor-relay.ts): what the runtime itself costs per frame.
 * - "peer": that relay in plain Node, built as the public peers are (./peer-style-relay.ts): the yardstick.
 * - "dev": our Worker through `wrangler dev` and its proxy.
 * BENCH_CALLS (default "10,50,100", up to 100 each) and BENCH_SECONDS (default 20) set the load. It first
 * times our own JavaScript per frame (bridge-js.ts), which the end-to-end figures cannot resolve.
 */
import { resolve } from "node:path";
import { measureFrameWork } from "./bridge-js.ts";
import { type LoadResult, runLoad } from "./bridge-load.ts";
import { startBridgePeers } from "./bridge-peers.ts";
import {
  BENCH_SECRET,
  BENCH_TWILIO_AUTH,
  type BridgeTarget,
  benchTargetOptions,
  startTarget,
  TARGET_NAMES,
  type TargetName,
} from "./bridge-targets.ts";

const root = resolve(import.meta.dirname, "..");
const paths = (process.env.BENCH_PATHS ?? TARGET_NAMES.join(",")).split(",") as TargetName[];
const callCounts = (process.env.BENCH_CALLS ?? "10,50,100").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);

if (paths.some((path) => !TARGET_NAMES.includes(path)))
  throw new Error(`BENCH_PATHS takes ${TARGET_NAMES.join(", ")}`);
if (callCounts.some((calls) => !Number.isInteger(calls) || calls < 1 || calls > 100))
  throw new Error("BENCH_CALLS takes whole numbers from 1 to 100");
if (!(seconds >= 5)) throw new Error("BENCH_SECONDS must be at least 5");

const TABLE_HEADER =
  "path | calls | load avg | T→G p50/p99 ms | G→T p50/p99 ms | lost T→G/G→T | CPU ms per call-minute: worker (relayed) / dev proxy / load generator | extensions";

/** One line per measurement, printed as soon as it is taken (a later stall cannot lose it). */
function tableLine(path: TargetName, r: LoadResult): string {
  const cpu = r.cpuMsPerCallMinute;
  return [
    LABELS[path],
    r.calls,
    r.loadAverageBefore.split(" ")[0],
    `${r.twilioToGrokMs.p50}/${r.twilioToGrokMs.p99}`,
    `${r.grokToTwilioMs.p50}/${r.grokToTwilioMs.p99}`,
    `${r.framesLost.twilioToGrok}/${r.framesLost.grokToTwilio}`,
    `${cpu.worker} (${r.cpuMsPerRelayedCallMinute.worker}) / ${cpu.wranglerDevProxy} / ${cpu.loadGenerator}`,
    r.negotiatedExtensions.twilio.join(",") || "none",
  ].join(" | ");
}

// Our JavaScript alone first, on a quiet event loop: the part of the Worker's CPU the code controls.
const javascriptPerFrame = measureFrameWork();
console.log(
  `Our JavaScript per frame (parse, reducer step, encode; Node's V8): caller→Grok ${javascriptPerFrame.twilioToGrokUs} µs, ` +
    `Grok→caller ${javascriptPerFrame.grokToTwilioUs} µs, mark echo ${javascriptPerFrame.markEchoUs} µs: ` +
    `${javascriptPerFrame.msPerCallMinute} ms per call-minute\n\n${TABLE_HEADER}`,
);
const LABELS: Record<TargetName, string> = {
  direct: "workerOnly",
  peer: "peerStyleNode",
  floor: "workerdFloor",
  dev: "wranglerDev",
};
const REPORT_KEYS: Record<TargetName, string> = {
  direct: "workerOnly (workerd, direct socket)",
  peer: "peerStyleNode (plain Node relay built as the public peers are)",
  floor: "workerdFloor (the same relay as a Worker and Durable Object in workerd)",
  dev: "wranglerDev (Worker + dev proxy)",
};

/** How our Worker's CPU compares with the runtime's floor, and the floor with the plain Node relay. */
function cpuRatios(calls: number, cpu: Partial<Record<TargetName, number>>): string {
  const ratio = (a?: number, b?: number) => (a && b ? (a / b).toFixed(2) : "–");
  return `  ${calls} calls, CPU ratios: Worker / floor ${ratio(cpu.direct, cpu.floor)}, floor / peer ${ratio(cpu.floor, cpu.peer)}, Worker / peer ${ratio(cpu.direct, cpu.peer)}`;
}

const peers = await startBridgePeers();
const targets: BridgeTarget[] = [];
const report: Record<string, LoadResult[]> = {};
let firstCall = 0;
try {
  for (const path of paths) {
    const print = (line: string) => process.env.BENCH_VERBOSE && console.error(line);
    targets.push(await startTarget(path, benchTargetOptions(root, peers, print)));
  }
  // Each load runs on every path back to back, so a machine that speeds up or slows down over the run
  // (a shared host) shifts every path's figures alike.
  for (const calls of callCounts) {
    const workerCpu: Partial<Record<TargetName, number>> = {};
    for (const target of targets) {
      const result = await runLoad(target, peers, {
        calls,
        seconds,
        firstCall,
        secret: BENCH_SECRET,
        twilioAuth: BENCH_TWILIO_AUTH,
      });
      console.log(tableLine(target.name, result));
      workerCpu[target.name] = result.cpuMsPerCallMinute.worker;
      const key = REPORT_KEYS[target.name];
      report[key] = [...(report[key] ?? []), result];
      firstCall += calls;
    }
    console.log(cpuRatios(calls, workerCpu));
  }
} finally {
  for (const target of targets) await target.stop();
}
console.log(`\n${JSON.stringify({ bench: "bridge worker relay", javascriptPerFrame, report }, null, 2)}`);
await peers.stop();
