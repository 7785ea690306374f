/**
 * `npm run deploy -- --env staging|production [--dry-run]`: checks, migrations, the Edge Functions, the
 * bridge Worker and the web app, in that order, stopping at the first failure (docs/DEPLOY.md). Reads
 * `.env.<env>` at the repository root; `--dry-run` prints every command and runs nothing.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, parseEnv } from "node:util";
import { deployPlan, type Environment, environments, missingKeys, stepEnv } from "./plan.ts";
import { runDeploy } from "./run.ts";

const root = resolve(import.meta.dirname, "..", "..");
const print = (line: string) => process.stdout.write(`${line}\n`);

const { values: flags } = parseArgs({
  options: { env: { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
const environment = flags.env as Environment | undefined;
if (!environment || !environments.includes(environment)) {
  console.error(`Usage: npm run deploy -- --env ${environments.join("|")} [--dry-run]`);
  process.exit(2);
}
const envFile = join(root, `.env.${environment}`);
const values = existsSync(envFile) ? (parseEnv(readFileSync(envFile, "utf8")) as Record<string, string>) : {};
const dryRun = flags["dry-run"] === true;
if (!dryRun) {
  const missing = missingKeys(values);
  if (missing.length > 0) {
    console.error(`.env.${environment} lacks ${missing.join(", ")} (see .env.example and docs/DEPLOY.md).`);
    process.exit(1);
  }
}

const outcome = await runDeploy(deployPlan(environment, values), {
  environment,
  dryRun,
  print,
  run: (step) =>
    new Promise((done) => {
      const child = spawn(step.command, step.args, {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, ...stepEnv(step, values) },
      });
      child.on("error", (error) => {
        print(`${step.command}: ${error.message}`);
        done(127);
      });
      child.on("exit", (code) => done(code ?? 1));
    }),
});
process.exit(outcome.ok ? 0 : outcome.exitCode || 1);
