/**
 * N simultaneous calls through the bridge Worker under `wrangler dev` (workerd): each call streams 20 ms
 * caller frames in and gets 20 ms model frames out, both tagged and timed in this process. Prints, per N,
 * the latency each direction takes through the Worker (two loopback WebSocket hops included, so an upper
 * bound on what the bridge adds), frames lost, and workerd CPU per call-minute (the Worker, and wrangler
 * dev's proxy separately). The load generator runs on the same cores: past saturation every number
 * measures the machine, not the bridge. BENCH_CALLS (default
 * "10,50,100") and BENCH_SECONDS (default 20) set the load.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { WebSocket } from "ws";
import { createStreamToken } from "../functions/_shared/contracts/signing/stream-token.ts";
import { freePortsFor } from "../scripts/stack/free-port.ts";
import { spawnComponent, stopComponent } from "../scripts/stack/processes.ts";
import { httpOk, waitFor } from "../scripts/stack/wait.ts";
import { wranglerDevArgs } from "../scripts/stack/wrangler-dev.ts";
import { startBridgePeers } from "./bridge-peers.ts";
import { readFrameTag, taggedFrame } from "./frames.ts";
import { summarize } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
const callCounts = (process.env.BENCH_CALLS ?? "10,50,100").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const secret = "bench-bridge-shared-secret";
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const peers = await startBridgePeers(taggedFrame);
const { port, inspectorPort } = await freePortsFor(["port", "inspectorPort"]);
const dataDir = mkdtempSync(join(tmpdir(), "ultaura-bench-"));
const envFile = join(dataDir, "worker.env");
writeFileSync(
  envFile,
  `BRIDGE_SHARED_SECRET=${secret}\nXAI_API_KEY=bench\nTWILIO_ACCOUNT_SID=AC${"0".repeat(32)}\nTWILIO_AUTH_TOKEN=bench\n`,
);
const worker = spawnComponent({
  name: "worker",
  command: join(root, "node_modules/.bin/wrangler"),
  args: wranglerDevArgs({
    root,
    port,
    inspectorPort,
    persistTo: join(dataDir, "state"),
    envFile,
    logLevel: "error",
    vars: { FUNCTIONS_URL: peers.functionsUrl, XAI_REALTIME_URL: peers.grokUrl },
  }),
  cwd: root,
  env: { ...(process.env as Record<string, string>), WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  print: (line) => process.env.BENCH_VERBOSE && console.log(line),
  onUnexpectedExit: (_name, how) => console.error(`wrangler dev exited (${how})`),
});
if (!(await waitFor(() => httpOk(`http://127.0.0.1:${port}/health`), 60_000)))
  throw new Error("wrangler dev did not start");

/**
 * CPU milliseconds used so far by the workerd processes in wrangler's process group (Linux /proc), split
 * into the Worker itself and wrangler dev's proxy (the process listening on the public port), which
 * production does not have.
 */
function workerdCpuMs(groupId: number): { worker: number; devProxy: number } {
  const msPerTick = 10;
  const used = { worker: 0, devProxy: 0 };
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!commandLine.includes("workerd")) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (Number(fields[2]) !== groupId) continue;
      const ms = (Number(fields[11]) + Number(fields[12])) * msPerTick;
      if (commandLine.includes(`entry=127.0.0.1:${port}`)) used.devProxy += ms;
      else used.worker += ms;
    } catch {
      // The process ended meanwhile.
    }
  }
  return used;
}

interface CallRun {
  sent: number;
  receivedFromGrok: number;
  grokToTwilio: number[];
}

async function runCall(call: number, durationMs: number): Promise<CallRun> {
  const callSessionId = crypto.randomUUID();
  peers.callBySession.set(callSessionId, call);
  const token = await createStreamToken(secret, callSessionId);
  const socket = new WebSocket(`ws://127.0.0.1:${port}/media-stream/${callSessionId}`);
  const run: CallRun = { sent: 0, receivedFromGrok: 0, grokToTwilio: [] };
  const streamSid = `MZ${callSessionId.replaceAll("-", "")}`;
  // String probes instead of JSON.parse: the load generator shares the machine's two cores with workerd.
  socket.on("message", (data) => {
    const text = String(data);
    const payloadAt = text.indexOf('"payload":"');
    if (text.startsWith('{"event":"media"') && payloadAt > 0) {
      const sentAt = peers.grokSentAt.get(readFrameTag(text.slice(payloadAt + 11, payloadAt + 19)));
      if (sentAt !== undefined) run.grokToTwilio.push(performance.now() - sentAt);
      run.receivedFromGrok++;
    } else if (text.includes('"event":"mark"')) {
      socket.send(text); // Twilio echoes a mark as it was sent, once the audio before it has played.
    }
  });
  await new Promise((opened, failed) => socket.once("open", opened).once("error", failed));
  socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
  socket.send(
    JSON.stringify({
      event: "start",
      sequenceNumber: "1",
      streamSid,
      start: {
        streamSid,
        accountSid: `AC${"0".repeat(32)}`,
        callSid: `CA${callSessionId.replaceAll("-", "")}`,
        tracks: ["inbound"],
        customParameters: { token },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    }),
  );
  await sleep(1_000);
  const started = performance.now();
  let seq = 0;
  await new Promise<void>((finished) => {
    const timer = setInterval(() => {
      if (performance.now() - started >= durationMs) {
        clearInterval(timer);
        finished();
        return;
      }
      const payload = taggedFrame(call, seq++);
      peers.callerSentAt.set(readFrameTag(payload), performance.now());
      socket.send(
        `{"event":"media","streamSid":"${streamSid}","media":{"track":"inbound","payload":"${payload}"}}`,
      );
      run.sent++;
    }, 20);
  });
  await sleep(500);
  socket.send(
    JSON.stringify({ event: "stop", streamSid, stop: { accountSid: `AC${"0".repeat(32)}`, callSid: "CA" } }),
  );
  socket.close();
  return run;
}

const results = [];
let callOffset = 0;
for (const calls of callCounts) {
  peers.toGrok.clear();
  peers.grokSent.clear();
  peers.callBySession.clear();
  const cpuBefore = workerdCpuMs(worker.child.pid as number);
  const runs = await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      await sleep((i * 1_000) / calls);
      return runCall(callOffset + i, seconds * 1000);
    }),
  );
  await sleep(500);
  const cpuAfter = workerdCpuMs(worker.child.pid as number);
  const callMinutes = calls * ((seconds + 1.5) / 60);
  const toGrok = [...peers.toGrok.values()];
  const sentToGrok = runs.reduce((sum, run) => sum + run.sent, 0);
  const receivedByGrok = toGrok.reduce((sum, stats) => sum + stats.received, 0);
  const sentByGrok = [...peers.grokSent.values()].reduce((sum, n) => sum + n, 0);
  const receivedByTwilio = runs.reduce((sum, run) => sum + run.receivedFromGrok, 0);
  results.push({
    calls,
    secondsPerCall: seconds,
    twilioToGrokMs: summarize(toGrok.flatMap((stats) => stats.latencies)),
    grokToTwilioMs: summarize(runs.flatMap((run) => run.grokToTwilio)),
    framesLost: {
      twilioToGrok: sentToGrok - receivedByGrok,
      grokToTwilio: sentByGrok - receivedByTwilio,
    },
    cpuMsPerCallMinute: {
      worker: Math.round((cpuAfter.worker - cpuBefore.worker) / callMinutes),
      wranglerDevProxy: Math.round((cpuAfter.devProxy - cpuBefore.devProxy) / callMinutes),
    },
  });
  callOffset += calls;
  await sleep(2_000);
}
console.log(JSON.stringify({ bench: "bridge worker relay (wrangler dev)", results }, null, 2));

await stopComponent(worker);
await peers.stop();
