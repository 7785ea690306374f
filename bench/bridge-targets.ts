import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { build } from "esbuild";
import { Miniflare, type MiniflareOptions, type WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { freePortsFor } from "../scripts/stack/free-port.ts";
import { spawnComponent, stopComponent } from "../scripts/stack/processes.ts";
import { httpOk, waitFor } from "../scripts/stack/wait.ts";
import { wranglerDevArgs } from "../scripts/stack/wrangler-dev.ts";
import { processCpuMs, workerdProcesses } from "./bridge-cpu.ts";

/**
 * The ways the benchmark reaches a bridge:
 * - "direct": the bundle `wrangler deploy` would upload, run by workerd through Miniflare's API with a
 *   direct socket into the Worker — no entry Worker, no dev proxy: the path that stands for production.
 * - "dev": `wrangler dev`, whose proxy is a second workerd process and an extra hop production lacks.
 * - "peer": not our bridge but a relay built as the public peers are (./peer-style-relay.ts), measured
 *   under the same load on the same machine: the yardstick the Worker's figures are compared with.
 * - "floor": that relay as a Worker and Durable Object in workerd (bridge-worker/bench/floor-relay.ts):
 *   what the runtime costs before any of our code runs.
 */
export type TargetName = "direct" | "dev" | "peer" | "floor";
export const TARGET_NAMES: readonly TargetName[] = ["direct", "floor", "peer", "dev"];

export interface BridgeTarget {
  name: TargetName;
  /** ws://host:port of the Worker, without a path. */
  wsBase: string;
  /**
   * CPU ms so far of the bridge's own process (the Worker's workerd, or the peer-style relay), and of
   * wrangler dev's proxy (0 on the other paths).
   */
  cpuMs(): { worker: number; devProxy: number };
  stop(): Promise<void>;
}

export interface TargetOptions {
  root: string;
  /** [vars] overrides: where the functions and Grok stand-ins listen. */
  vars: Record<string, string>;
  secrets: Record<string, string>;
  print: (line: string) => void;
}

/** The bench's own secrets: the Worker is configured with them and the load generator signs with them. */
export const BENCH_SECRET = "bench-bridge-shared-secret";
/** Twilio signs each media-stream upgrade over the Worker's public URL (not where the bench connects). */
export const BENCH_TWILIO_AUTH = { authToken: "bench-twilio-token", publicUrl: "wss://bridge-bench.invalid" };

/** Options for every path: the Worker's variables point at the stand-ins (./bridge-peers.ts). */
export function benchTargetOptions(
  root: string,
  standIns: { functionsUrl: string; grokUrl: string },
  print: (line: string) => void,
): TargetOptions {
  return {
    root,
    vars: {
      FUNCTIONS_URL: standIns.functionsUrl,
      XAI_REALTIME_URL: standIns.grokUrl,
      BRIDGE_PUBLIC_URL: BENCH_TWILIO_AUTH.publicUrl,
    },
    secrets: {
      PREPARE_SIGNING_SECRET: BENCH_SECRET,
      BRIDGE_REQUEST_SECRET: BENCH_SECRET,
      STREAM_TOKEN_SECRET: BENCH_SECRET,
      XAI_API_KEY: "bench",
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      TWILIO_AUTH_TOKEN: BENCH_TWILIO_AUTH.authToken,
      TWILIO_API_KEY_SID: `SK${"0".repeat(32)}`,
      TWILIO_API_KEY_SECRET: "bench-twilio-api-key-secret",
    },
    print,
  };
}

export function startTarget(name: TargetName, options: TargetOptions): Promise<BridgeTarget> {
  if (name === "peer") return startPeerStyle(options);
  if (name === "floor") return startFloor(options);
  return name === "direct" ? startDirect(options) : startDev(options);
}

async function startPeerStyle(options: TargetOptions): Promise<BridgeTarget> {
  const grokUrl = options.vars.XAI_REALTIME_URL;
  if (!grokUrl) throw new Error("the peer-style relay needs the Grok stand-in's URL");
  const relay = spawn(
    process.execPath,
    ["--import", "tsx", join(options.root, "bench/peer-style-relay.ts"), grokUrl],
    { cwd: options.root, stdio: ["ignore", "pipe", "pipe"] },
  );
  relay.stderr.on("data", (chunk: Buffer) => options.print(String(chunk).trimEnd()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the peer-style relay did not start in 30 s")), 30_000);
    relay.once("exit", (code) => reject(new Error(`the peer-style relay exited (${code})`)));
    relay.stdout.on("data", (chunk: Buffer) => {
      const listening = /listening (\d+)/.exec(String(chunk));
      if (!listening) return;
      clearTimeout(timer);
      resolve(Number(listening[1]));
    });
  });
  return {
    name: "peer",
    wsBase: `ws://127.0.0.1:${port}`,
    cpuMs: () => ({ worker: processCpuMs(relay.pid as number), devProxy: 0 }),
    stop: async () => {
      relay.kill();
    },
  };
}

async function startDirect(options: TargetOptions): Promise<BridgeTarget> {
  const config = join(options.root, "wrangler.toml");
  const outdir = mkdtempSync(join(tmpdir(), "ultaura-bench-bundle-"));
  const bundle = spawnSync(
    join(options.root, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--config", config, "--outdir", outdir],
    {
      cwd: options.root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
      encoding: "utf8",
    },
  );
  if (bundle.status !== 0) throw new Error(`wrangler could not bundle the Worker:\n${bundle.stderr}`);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
  return startInWorkerd("direct", options, {
    ...workerOptions,
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, "index.js"),
    bindings: { ...workerOptions.bindings, ...options.vars, ...options.secrets },
  });
}

/**
 * The peer-style relay as a Worker and Durable Object (bridge-worker/bench/floor-relay.ts), on our
 * Worker's compatibility date and flags.
 */
async function startFloor(options: TargetOptions): Promise<BridgeTarget> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(options.root, "wrangler.toml"));
  const built = await build({
    entryPoints: [join(options.root, "bridge-worker/bench/floor-relay.ts")],
    bundle: true,
    format: "esm",
    external: ["cloudflare:workers"],
    write: false,
  });
  return startInWorkerd("floor", options, {
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags,
    modules: true,
    script: built.outputFiles[0]?.text ?? "",
    durableObjects: { RELAY: { className: "Relay", useSQLite: true } },
    bindings: { XAI_REALTIME_URL: options.vars.XAI_REALTIME_URL ?? "" },
  });
}

/**
 * One Worker in its own workerd, reached through a direct socket (no entry Worker, no dev proxy). Outbound
 * fetches go straight to the network: production has no Worker in between, so Miniflare's
 * CF-Connecting-IP stripper (a Worker every Grok socket would otherwise be piped through) is left out.
 */
async function startInWorkerd(
  name: "direct" | "floor",
  options: TargetOptions,
  worker: Omit<WorkerOptions, "name">,
): Promise<BridgeTarget> {
  const { port } = await freePortsFor(["port"]);
  const ours = () => workerdProcesses().filter((proc) => proc.parentPid === process.pid);
  const before = new Set(ours().map((proc) => proc.pid));
  const miniflare = new Miniflare({
    ...worker,
    name,
    unsafeDirectSockets: [{ host: "127.0.0.1", port }],
    stripCfConnectingIp: false,
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      for (const stream of [stdout, stderr])
        stream.on("data", (chunk: Buffer) => options.print(String(chunk).trimEnd()));
    },
  } as MiniflareOptions);
  const url = await miniflare.unsafeGetDirectURL(name);
  const started = ours().filter((proc) => !before.has(proc.pid));
  if (started.length !== 1) throw new Error(`expected one new workerd for the ${name} path`);
  const pid = started[0]?.pid as number;
  return {
    name,
    wsBase: `ws://${url.host}`,
    cpuMs: () => ({ worker: processCpuMs(pid), devProxy: 0 }),
    // A workerd still draining sockets must not hold the benchmark's results back.
    stop: () => Promise.race([miniflare.dispose(), new Promise<void>((done) => setTimeout(done, 15_000))]),
  };
}

async function startDev(options: TargetOptions): Promise<BridgeTarget> {
  const { port, inspectorPort } = await freePortsFor(["port", "inspectorPort"]);
  const dataDir = mkdtempSync(join(tmpdir(), "ultaura-bench-"));
  const envFile = join(dataDir, "worker.env");
  writeFileSync(
    envFile,
    Object.entries(options.secrets)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(""),
  );
  const worker = spawnComponent({
    name: "worker",
    command: join(options.root, "node_modules/.bin/wrangler"),
    args: wranglerDevArgs({
      root: options.root,
      port,
      inspectorPort,
      persistTo: join(dataDir, "state"),
      envFile,
      logLevel: "error",
      vars: options.vars,
    }),
    cwd: options.root,
    env: { ...(process.env as Record<string, string>), WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    print: options.print,
    onUnexpectedExit: (_name, how) => console.error(`wrangler dev exited (${how})`),
  });
  if (!(await waitFor(() => httpOk(`http://127.0.0.1:${port}/health`), 60_000)))
    throw new Error("wrangler dev did not start");
  const groupId = worker.child.pid as number;
  return {
    name: "dev",
    wsBase: `ws://127.0.0.1:${port}`,
    cpuMs: () => {
      const used = { worker: 0, devProxy: 0 };
      for (const proc of workerdProcesses().filter((found) => found.groupId === groupId)) {
        // The proxy is the process listening on the public port.
        if (proc.commandLine.includes(`entry=127.0.0.1:${port}`)) used.devProxy += proc.cpuMs;
        else used.worker += proc.cpuMs;
      }
      return used;
    },
    stop: () => stopComponent(worker),
  };
}
