import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import { applyMigrations } from "../db/migrate.ts";
import { localUrls, type StackPorts } from "./ports.ts";
import { type ManagedProcess, spawnComponent, stopComponent } from "./processes.ts";
import { httpOk, portOpen, waitFor } from "./wait.ts";
import { wranglerDevArgs } from "./wrangler-dev.ts";

export interface StackOptions {
  root: string;
  /** Settings from .env / .env.example / the process; derived local URLs are added on top. */
  env: Record<string, string>;
  ports: StackPorts;
  /** Where local state lives (embedded database, Worker storage). */
  dataDir: string;
  /** An external PostgreSQL; when absent the embedded PGlite server is started on `ports.database`. */
  databaseUrl?: string;
  /** The web app under Vite; tests that do not need it leave it out. */
  web?: boolean;
  print: (line: string) => void;
  onUnexpectedExit: (name: string, how: string) => void;
  startTimeoutMs?: number;
}

export interface RunningStack {
  urls: ReturnType<typeof localUrls>;
  databaseUrl: string;
  env: Record<string, string>;
  /** Each component's process id (the leader of its process group), for measuring what it costs. */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

type Managed = ManagedProcess & { expectExit(): void };

/**
 * Starts the whole product on this machine: database, simulators, functions (Deno), the Worker
 * (wrangler dev) and the web app (Vite), each in its own process, and waits until each answers.
 * Start order follows dependencies so the first request anyone makes finds everything up.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { root, ports, dataDir, print } = options;
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const urls = localUrls(ports);
  const databaseUrl = options.databaseUrl ?? urls.databaseEmbedded;
  const env: Record<string, string> = {
    ...options.env,
    DATABASE_URL: databaseUrl,
    DB_PORT: String(ports.database),
    FUNCTIONS_PORT: String(ports.functions),
    FUNCTIONS_PUBLIC_URL: urls.functions,
    BRIDGE_PUBLIC_URL: urls.bridgeStreamBase,
    BRIDGE_WORKER_URL: urls.worker,
    TWILIO_API_BASE_URL: urls.twilioApi,
    TWILIO_SIM_PORT: String(ports.twilioSim),
    TWILIO_VERIFY_BASE_URL: urls.twilioApi,
    UPSTASH_REDIS_REST_URL: urls.upstashRedis,
    UPSTASH_SIM_PORT: String(ports.upstashSim),
    // The web app's own origin is always allowed to call functions/api and the local Auth server.
    ALLOWED_ORIGINS: [options.env.ALLOWED_ORIGINS, urls.web].filter(Boolean).join(","),
    XAI_REALTIME_URL: urls.grokRealtime,
    GROK_SIM_PORT: String(ports.grokSim),
    STRIPE_API_BASE_URL: urls.stripeApi,
    STRIPE_SIM_PORT: String(ports.stripeSim),
    QSTASH_URL: urls.qstash,
    QSTASH_SIM_PORT: String(ports.qstashSim),
    MAIL_SIM_PORT: String(ports.mailSim),
    MAIL_SIM_URL: urls.mail,
    WEB_APP_URL: urls.web,
    WORKER_PORT: String(ports.worker),
    WEB_PORT: String(ports.web),
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
    WRANGLER_SEND_METRICS: "false",
    NO_COLOR: "1",
    // The web app reads VITE_* at start. An empty Supabase URL means "this page's own origin", which
    // Vite proxies to the local gateway (auth and functions) — whatever host name the browser used.
    VITE_SUPABASE_URL: "",
    VITE_SUPABASE_ANON_KEY: options.env.SUPABASE_ANON_KEY ?? "",
    VITE_LOCAL_MODE: "1",
  };
  mkdirSync(dataDir, { recursive: true });
  const started: Managed[] = [];
  const launch = (name: string, command: string, args: string[], cwd = root) => {
    const managed = spawnComponent({
      name,
      command,
      args,
      cwd,
      env,
      print,
      onUnexpectedExit: options.onUnexpectedExit,
    });
    started.push(managed);
    return managed;
  };
  const stop = async () => {
    await Promise.all([...started].reverse().map((managed) => stopComponent(managed)));
  };
  const must = async (what: string, probe: () => Promise<boolean>) => {
    if (!(await waitFor(probe, timeoutMs)))
      throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
  };
  const bin = (name: string) => join(root, "node_modules", ".bin", name);
  const tsx = (file: string): [string, string[]] => [process.execPath, ["--import", "tsx", join(root, file)]];

  try {
    if (!options.databaseUrl) {
      env.PGLITE_DATA_DIR = join(dataDir, "pgdata");
      launch("db", ...tsx("scripts/db/pglite-main.ts"));
      await must("the embedded database", () => portOpen(ports.database));
    }
    await applyMigrations(databaseUrl, {
      seed: true,
      keyring: await keyringFromEnv(env),
      log: (line) => print(`[migrate] ${line}`),
    });

    launch("twilio-sim", ...tsx("simulators/twilio/main.ts"));
    launch("grok-sim", ...tsx("simulators/grok/main.ts"));
    launch("upstash-sim", ...tsx("simulators/upstash/main.ts"));
    launch("stripe-sim", ...tsx("simulators/stripe/main.ts"));
    launch("qstash-sim", ...tsx("simulators/qstash/main.ts"));
    launch("mail-sim", ...tsx("simulators/mail/main.ts"));
    launch("functions", bin("deno"), [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-sys",
      join(root, "functions/serve-local.ts"),
    ]);
    const workerEnvFile = join(dataDir, "worker.env");
    writeFileSync(workerEnvFile, workerSecrets(env), { mode: 0o600 });
    launch(
      "worker",
      bin("wrangler"),
      wranglerDevArgs({
        root,
        port: ports.worker,
        inspectorPort: ports.workerInspector,
        persistTo: join(dataDir, "wrangler"),
        envFile: workerEnvFile,
        vars: {
          FUNCTIONS_URL: urls.functions,
          BRIDGE_PUBLIC_URL: urls.bridgeStreamBase,
          XAI_REALTIME_URL: urls.grokRealtime,
          TWILIO_API_BASE_URL: urls.twilioApi,
          BRIDGE_TEST_CONTROLS: env.BRIDGE_TEST_CONTROLS === "on" ? "on" : "off",
        },
      }),
    );
    if (options.web !== false) {
      launch(
        "web",
        bin("vite"),
        ["--port", String(ports.web), "--strictPort", "--host", "127.0.0.1"],
        join(root, "web"),
      );
    }

    await Promise.all([
      must("the Twilio simulator", () => portOpen(ports.twilioSim)),
      must("the Grok simulator", () => portOpen(ports.grokSim)),
      must("the Upstash simulator", () => httpOk(`${urls.upstashRedis}/_sim/health`)),
      must("the Stripe simulator", () => httpOk(`${urls.stripeApi}/_sim/health`)),
      must("the QStash simulator", () => httpOk(`${urls.qstash}/_sim/health`)),
      must("the mail catcher", () => httpOk(`${urls.mail}/_sim/health`)),
      must("the functions", () => httpOk(`${urls.functions}/twilio/health`)),
      must("the Worker", () => httpOk(`${urls.worker}/health`)),
      ...(options.web !== false ? [must("the web app", () => httpOk(urls.web))] : []),
    ]);
    const pids = () =>
      Object.fromEntries(started.flatMap((m) => (m.child.pid ? [[m.name, m.child.pid] as const] : [])));
    return { urls, databaseUrl, env, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The Worker's secrets go through an env file, which wrangler treats like .dev.vars and never prints. */
function workerSecrets(env: Record<string, string>): string {
  const keys = [
    "PREPARE_SIGNING_SECRET",
    "BRIDGE_REQUEST_SECRET",
    "STREAM_TOKEN_SECRET",
    "XAI_API_KEY",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY_SID",
    "TWILIO_API_KEY_SECRET",
  ];
  return keys.map((key) => `${key}=${JSON.stringify(env[key] ?? "")}`).join("\n");
}
