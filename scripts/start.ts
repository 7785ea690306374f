/**
 * `npm start`: the whole product on this machine, no accounts anywhere. Ctrl-C stops everything.
 */
import { join, resolve } from "node:path";
import { loadLocalEnv } from "./env-file.ts";
import { startStack } from "./stack/index.ts";
import { acquireLock } from "./stack/lock.ts";
import { configuredPorts, type StackPorts } from "./stack/ports.ts";
import { portOpen } from "./stack/wait.ts";

const root = resolve(import.meta.dirname, "..");
const dataDir = join(root, ".ultaura");
const env = loadLocalEnv(root);
const print = (line: string) => process.stdout.write(`${line}\n`);

const lock = acquireLock(join(dataDir, "stack.pid"));
if (!lock.ok) {
  console.error(
    `Ultaura is already running here (process ${lock.pid}). Stop it with Ctrl-C in its terminal first.`,
  );
  process.exit(1);
}

const ports: StackPorts = configuredPorts(env);
const externalDatabase = process.env.DATABASE_URL ?? (env.DATABASE_URL || undefined);
const busy = [];
for (const [name, port] of Object.entries(ports)) {
  if (name === "database" && externalDatabase) continue;
  if (await portOpen(port)) busy.push(`${name} (${port})`);
}
if (busy.length > 0) {
  console.error(`These ports are already in use: ${busy.join(", ")}. Is another copy of Ultaura running?`);
  lock.release();
  process.exit(1);
}

let stopping = false;
const started = Date.now();
const stack = await startStack({
  root,
  env,
  ports,
  dataDir,
  databaseUrl: externalDatabase,
  print,
  onUnexpectedExit: (name, how) => {
    if (!stopping)
      print(
        `\n!! ${name} stopped unexpectedly (${how}). The rest keeps running; restart npm start to recover.\n`,
      );
  },
}).catch((error: unknown) => {
  console.error(`\nUltaura could not start: ${error instanceof Error ? error.message : String(error)}`);
  lock.release();
  process.exit(1);
});

const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  print("\nStopping Ultaura…");
  await stack.stop();
  lock.release();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

const { urls } = stack;
print(`
┌──────────────────────────────────────────────────────────────────────────────
│ Ultaura is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)
│
│  Web app          ${urls.web}
│  Functions        ${urls.functions}/{twilio,api,bridge,billing,scheduler}/health
│  Bridge Worker    ${urls.worker}/health
│  Postgres         ${stack.databaseUrl.replace(/:[^:@/]+@/, ":****@")}
│  Twilio simulator ${urls.twilioApi}
│  Grok simulator   ${urls.grokRealtime}
│  Stripe simulator ${urls.stripeApi}
│  QStash simulator ${urls.qstash}
│  Upstash REST     ${urls.upstashRedis}
│  Mail catcher     ${urls.mail}  (sign-up confirmations, password resets)
│
│  Try: npm run sim -- call --from +15555550100 --seconds 20 --speak 4-6
│       psql ${urls.databaseEmbedded} -c 'select 1'
│  Ctrl-C stops everything.
└──────────────────────────────────────────────────────────────────────────────
`);
