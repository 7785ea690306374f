import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { upstashApp } from "./app.ts";
import { MemoryEngine } from "./memory-engine.ts";
import { RedisEngine } from "./redis-engine.ts";

export type EngineChoice = "auto" | "redis-server" | "memory";

export interface UpstashSimulatorOptions {
  port?: number;
  host?: string;
  token: string;
  /** `auto`: a real redis-server when one is installed, otherwise the in-memory engine. */
  engine?: EngineChoice;
  log?: (line: string) => void;
}

export interface UpstashSimulator {
  url: string;
  engine: "redis-server" | "memory";
  stop(): Promise<void>;
}

export function redisServerInstalled(binary = "redis-server"): boolean {
  return spawnSync(binary, ["--version"], { stdio: "ignore" }).status === 0;
}

/** Upstash Redis's REST API on HTTP, over redis-server or the in-memory engine. */
export async function startUpstashSimulator(options: UpstashSimulatorOptions): Promise<UpstashSimulator> {
  const log = options.log ?? (() => {});
  const choice = options.engine ?? "auto";
  const useRedis = choice === "redis-server" || (choice === "auto" && redisServerInstalled());
  const engine = useRedis ? await RedisEngine.start() : await MemoryEngine.create();
  const server = createServer(getRequestListener(upstashApp(engine, options.token, log).fetch));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  log(`listening on ${url} (engine: ${engine.kind})`);
  return {
    url,
    engine: engine.kind,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}
