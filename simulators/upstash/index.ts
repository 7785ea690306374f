import { spawnSync } from "node:child_process";
import { listen } from "../listen.ts";
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
  const http = await listen(upstashApp(engine, options.token, log).fetch, options.port, options.host);
  log(`listening on ${http.url} (engine: ${engine.kind})`);
  return {
    url: http.url,
    engine: engine.kind,
    stop: async () => {
      await http.close();
      await engine.close();
    },
  };
}
