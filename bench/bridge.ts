/**
 * N simultaneous calls through the bridge Worker: each call streams 20 ms caller frames in and gets 20 ms
 * model frames out, both tagged with their send time and timed at the far side. Prints, per path and N,
 * the latency each direction takes through the Worker (two loopback WebSocket hops included, so an upper
 * bound on what the bridge adds), frames lost, the WebSocket extensions the Worker agreed to, and CPU per
 * call-minute of the Worker's workerd process, of wrangler dev's proxy, and of this load generator, with
 * the machine's load averages beside them. The load generator runs on the same cores: past saturation
 * every number measures the machine, not the bridge.
 *
 * BENCH_PATHS: "direct" (workerd through Miniflare's direct socket: the figure for production) and/or
 * "dev" (through `wrangler dev` and its proxy); default "direct,dev". BENCH_CALLS (default "10,50,100",
 * up to 100 each) and BENCH_SECONDS (default 20) set the load. It first times our own JavaScript per frame
 * (bridge-js.ts), which the end-to-end figures cannot resolve on a busy machine.
 */
import { resolve } from "node:path";
import { measureFrameWork } from "./bridge-js.ts";
import { type LoadResult, runLoad } from "./bridge-load.ts";
import { startBridgePeers } from "./bridge-peers.ts";
import { startTarget, type TargetName } from "./bridge-targets.ts";

const root = resolve(import.meta.dirname, "..");
const paths = (process.env.BENCH_PATHS ?? "direct,dev").split(",") as TargetName[];
const callCounts = (process.env.BENCH_CALLS ?? "10,50,100").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const secret = "bench-bridge-shared-secret";
/** Twilio signs each media-stream upgrade over the Worker's public URL (not where the bench connects). */
const twilioAuth = { authToken: "bench-twilio-token", publicUrl: "wss://bridge-bench.invalid" };

if (paths.some((path) => path !== "direct" && path !== "dev"))
  throw new Error('BENCH_PATHS takes "direct" and "dev"');
if (callCounts.some((calls) => !Number.isInteger(calls) || calls < 1 || calls > 100))
  throw new Error("BENCH_CALLS takes whole numbers from 1 to 100");
if (!(seconds >= 5)) throw new Error("BENCH_SECONDS must be at least 5");

const TABLE_HEADER =
  "path | calls | load avg | T→G p50/p99 ms | G→T p50/p99 ms | lost T→G/G→T | CPU ms per call-minute: worker (relayed) / dev proxy / load generator | extensions";

/** One line per measurement, printed as soon as it is taken (a later stall cannot lose it). */
function tableLine(path: TargetName, r: LoadResult): string {
  const cpu = r.cpuMsPerCallMinute;
  return [
    path === "direct" ? "workerOnly" : "wranglerDev",
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
const peers = await startBridgePeers();
const report: Record<string, LoadResult[]> = {};
let firstCall = 0;
for (const path of paths) {
  const target = await startTarget(path, {
    root,
    vars: {
      FUNCTIONS_URL: peers.functionsUrl,
      XAI_REALTIME_URL: peers.grokUrl,
      BRIDGE_PUBLIC_URL: twilioAuth.publicUrl,
    },
    secrets: {
      PREPARE_SIGNING_SECRET: secret,
      BRIDGE_REQUEST_SECRET: secret,
      STREAM_TOKEN_SECRET: secret,
      XAI_API_KEY: "bench",
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      TWILIO_AUTH_TOKEN: twilioAuth.authToken,
      TWILIO_API_KEY_SID: `SK${"0".repeat(32)}`,
      TWILIO_API_KEY_SECRET: "bench-twilio-api-key-secret",
    },
    print: (line) => process.env.BENCH_VERBOSE && console.error(line),
  });
  const results: LoadResult[] = [];
  try {
    for (const calls of callCounts) {
      const result = await runLoad(target, peers, { calls, seconds, firstCall, secret, twilioAuth });
      console.log(tableLine(path, result));
      results.push(result);
      firstCall += calls;
    }
  } finally {
    await target.stop();
  }
  report[path === "direct" ? "workerOnly (workerd, direct socket)" : "wranglerDev (Worker + dev proxy)"] =
    results;
}
console.log(`\n${JSON.stringify({ bench: "bridge worker relay", javascriptPerFrame, report }, null, 2)}`);
await peers.stop();
