import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { freePortsFor } from "../scripts/stack/free-port.ts";
import { spawnComponent, stopComponent } from "../scripts/stack/processes.ts";
import { httpOk, waitFor } from "../scripts/stack/wait.ts";
import { wranglerDevArgs } from "../scripts/stack/wrangler-dev.ts";
import { workerdProcesses } from "./bridge-cpu.ts";

/**
 * The two ways the benchmark reaches the bridge Worker:
 * - "direct": the bundle `wrangler deploy` would upload, run by workerd through Miniflare's API with a
 *   direct socket into the Worker — no entry Worker, no dev proxy: the path that stands for production.
 * - "dev": `wrangler dev`, whose proxy is a second workerd process and an extra hop production lacks.
 */
export type TargetName = "direct" | "dev";

export interface BridgeTarget {
  name: TargetName;
  /** ws://host:port of the Worker, without a path. */
  wsBase: string;
  /** CPU ms so far of the Worker's workerd process, and of wrangler dev's proxy (0 on the direct path). */
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

export function startTarget(name: TargetName, options: TargetOptions): Promise<BridgeTarget> {
  return name === "direct" ? startDirect(options) : startDev(options);
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
  const { port } = await freePortsFor(["port"]);
  const miniflare = new Miniflare({
    ...workerOptions,
    name: "bridge",
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, "index.js"),
    bindings: { ...workerOptions.bindings, ...options.vars, ...options.secrets },
    unsafeDirectSockets: [{ host: "127.0.0.1", port }],
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      for (const stream of [stdout, stderr])
        stream.on("data", (chunk: Buffer) => options.print(String(chunk).trimEnd()));
    },
  });
  const url = await miniflare.unsafeGetDirectURL("bridge");
  const workerd = () => workerdProcesses().filter((proc) => proc.parentPid === process.pid);
  if (workerd().length !== 1) throw new Error("expected exactly one workerd child of the benchmark");
  return {
    name: "direct",
    wsBase: `ws://${url.host}`,
    cpuMs: () => ({ worker: workerd().reduce((sum, proc) => sum + proc.cpuMs, 0), devProxy: 0 }),
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
