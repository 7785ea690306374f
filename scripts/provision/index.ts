/**
 * `npm run provision -- <task> --env staging|production [--dry-run]`, each task idempotent (a second run
 * changes nothing), reading `.env.<env>` at the repository root (docs/DEPLOY.md):
 *   stripe      products, prices and the billing meter; prints the STRIPE_PRICE_* lines for .env.<env>
 *   qstash      the scheduler's minute tick schedule
 *   twilio      our number's voice URL, fallback URL and status callback
 *   secrets     the functions' secrets to Supabase, the Worker's to Cloudflare   [--force-worker]
 *   rotate-kek  rotate the memory key-encryption key and re-wrap the data keys  [--finish]
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, parseEnv } from "node:util";
import { createDatabase } from "../../functions/_shared/platform/db.ts";
import { createStripeClient } from "../../functions/_shared/platform/stripe-client.ts";
import { type Environment, environments } from "../deploy/plan.ts";
import { provisionTickSchedule } from "./qstash.ts";
import { rotateKek, withValues } from "./rotate-kek.ts";
import { type CommandRunner, pushSecrets, workerSecretNames } from "./secrets.ts";
import { provisionStripeCatalogue } from "./stripe.ts";
import { provisionTwilioNumber } from "./twilio.ts";

const root = resolve(import.meta.dirname, "..", "..");
const print = (line: string) => process.stdout.write(`${line}\n`);
const tasks = ["stripe", "qstash", "twilio", "secrets", "rotate-kek"] as const;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    finish: { type: "boolean", default: false },
    "force-worker": { type: "boolean", default: false },
  },
});
const task = positionals[0] as (typeof tasks)[number];
const environment = flags.env as Environment;
if (!tasks.includes(task) || !environments.includes(environment)) {
  console.error(`Usage: npm run provision -- ${tasks.join("|")} --env ${environments.join("|")} [--dry-run]`);
  process.exit(2);
}
const envFile = join(root, `.env.${environment}`);
if (!existsSync(envFile)) {
  console.error(`.env.${environment} not found: copy .env.example and fill it in (docs/DEPLOY.md).`);
  process.exit(1);
}
const readEnv = () => parseEnv(readFileSync(envFile, "utf8")) as Record<string, string>;
const values = readEnv();
const dryRun = flags["dry-run"] === true;
const need = (...names: string[]) => {
  const missing = names.filter((name) => !values[name]);
  if (missing.length > 0) throw new Error(`.env.${environment} lacks ${missing.join(", ")}`);
  return Object.fromEntries(names.map((name) => [name, values[name] as string]));
};

const run: CommandRunner = (command, args) =>
  new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.on("error", () => done({ code: 127, stdout }));
    child.on("exit", (code) => done({ code: code ?? 1, stdout }));
  });
const publish = (all: Record<string, string>) =>
  pushSecrets(
    { environment, values: all, workerNames: workerSecretNames(root) },
    { dryRun, run, print },
  ).then(() => {});

try {
  if (task === "stripe") {
    const settings = need(
      "STRIPE_SECRET_KEY",
      "STRIPE_API_BASE_URL",
      "STRIPE_METER_EVENT_NAME",
      "MIGRATIONS_DATABASE_URL",
    );
    const db = createDatabase(settings.MIGRATIONS_DATABASE_URL as string, { max: 1 });
    try {
      const stripe = createStripeClient(
        settings.STRIPE_SECRET_KEY as string,
        settings.STRIPE_API_BASE_URL as string,
      );
      await provisionStripeCatalogue(
        { stripe, db, meterEventName: settings.STRIPE_METER_EVENT_NAME as string },
        {
          dryRun,
          print,
        },
      );
    } finally {
      await db.close();
    }
  } else if (task === "qstash") {
    const settings = need("QSTASH_URL", "QSTASH_TOKEN", "FUNCTIONS_PUBLIC_URL");
    await provisionTickSchedule(settings as Parameters<typeof provisionTickSchedule>[0], { dryRun, print });
  } else if (task === "twilio") {
    const settings = need(
      "TWILIO_API_BASE_URL",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "TWILIO_PHONE_NUMBER",
      "FUNCTIONS_PUBLIC_URL",
      "BRIDGE_PUBLIC_URL",
    );
    await provisionTwilioNumber(settings as Parameters<typeof provisionTwilioNumber>[0], { dryRun, print });
  } else if (task === "secrets") {
    const workerNames = workerSecretNames(root);
    await pushSecrets(
      { environment, values, workerNames, forceWorker: flags["force-worker"] === true },
      {
        dryRun,
        run,
        print,
      },
    );
  } else {
    const { MIGRATIONS_DATABASE_URL } = need("MIGRATIONS_DATABASE_URL");
    const db = createDatabase(MIGRATIONS_DATABASE_URL as string, { max: 1 });
    try {
      await rotateKek(
        {
          db,
          readEnv,
          writeEnv: (updates) => writeFileSync(envFile, withValues(readFileSync(envFile, "utf8"), updates)),
          publish,
        },
        { finish: flags.finish === true, dryRun, print },
      );
    } finally {
      await db.close();
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
