import { join } from "node:path";

export interface WranglerDevOptions {
  root: string;
  port: number;
  inspectorPort: number;
  /** Local Durable Object storage. */
  persistTo: string;
  /** Secrets, as an env file: wrangler treats it like .dev.vars and never prints the values. */
  envFile: string;
  /** [vars] overrides, e.g. where the functions and Grok are. */
  vars: Record<string, string>;
  logLevel?: "error" | "warn" | "info";
}

/** The `wrangler dev` command line for the bridge Worker, shared by `npm start` and the benchmarks. */
export function wranglerDevArgs(options: WranglerDevOptions): string[] {
  return [
    "dev",
    "--config",
    join(options.root, "wrangler.toml"),
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--inspector-port",
    String(options.inspectorPort),
    "--persist-to",
    options.persistTo,
    "--env-file",
    options.envFile,
    "--show-interactive-dev-session=false",
    ...(options.logLevel ? ["--log-level", options.logLevel] : []),
    ...Object.entries(options.vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
  ];
}
