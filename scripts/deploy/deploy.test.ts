import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { deployPlan, formatStep, missingKeys, type Step } from "./plan.ts";
import { runDeploy } from "./run.ts";

const root = resolve(import.meta.dirname, "..", "..");
const execFileAsync = promisify(execFile);
/** `npm run deploy` itself, in a child process (asynchronously, so the test worker stays responsive). */
const deploy = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  execFileAsync(process.execPath, ["--import", "tsx", join(root, "scripts", "deploy", "index.ts"), ...args], {
    cwd: root,
    env,
  }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      status: error.code ?? 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
const order = [
  "checks: format, lint, types",
  "checks: function bundles and wrangler dry runs",
  "migrations",
  "edge functions",
  "bridge worker",
  "web app: build",
  "web app: static assets",
];

describe("npm run deploy", () => {
  it("on a fresh clone, --dry-run prints the whole plan in order, runs nothing and exits 0", async () => {
    const result = await deploy(["--env", "staging", "--dry-run"], { ...process.env, PATH: "/nonexistent" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const positions = order.map((name) => result.stdout.indexOf(`] ${name}\n`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(result.stdout).toContain("supabase functions deploy twilio api bridge billing scheduler");
    expect(result.stdout).toContain("npx wrangler deploy --env staging --var");
    expect(result.stdout).toContain("Dry run: nothing was run.");
  });

  it("refuses an unknown environment", async () => {
    const result = await deploy(["--env", "prod", "--dry-run"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--env staging|production");
  });

  it("stops at the first failing step", async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const outcome = await runDeploy(deployPlan("production", {}), {
      environment: "production",
      dryRun: false,
      print: (line) => lines.push(line),
      run: async (step: Step) => {
        ran.push(step.name);
        return step.name === "edge functions" ? 3 : 0;
      },
    });
    expect(outcome).toEqual({ ok: false, failedStep: "edge functions", exitCode: 3 });
    expect(ran).toEqual(order.slice(0, 4));
    expect(lines.at(-1)).toContain("edge functions failed (exit 3)");
  });

  it("a dry run calls no runner; a real one runs every step in order", async () => {
    const ran: string[] = [];
    const run = async (step: Step) => {
      ran.push(step.name);
      return 0;
    };
    const options = { environment: "staging" as const, print: () => {}, run };
    expect(await runDeploy(deployPlan("staging", {}), { ...options, dryRun: true })).toEqual({
      ok: true,
      ran: 0,
    });
    expect(ran).toEqual([]);
    expect(await runDeploy(deployPlan("staging", {}), { ...options, dryRun: false })).toEqual({
      ok: true,
      ran: 7,
    });
    expect(ran).toEqual(order);
  });

  it("names every missing value, and prints a secret's variable, never its value", () => {
    expect(missingKeys({ SUPABASE_PROJECT_REF: "abc" })).toEqual([
      "MIGRATIONS_DATABASE_URL",
      "FUNCTIONS_PUBLIC_URL",
      "BRIDGE_PUBLIC_URL",
      "VITE_SUPABASE_URL",
      "VITE_SUPABASE_ANON_KEY",
    ]);
    const values = {
      MIGRATIONS_DATABASE_URL: "postgres://postgres:hunter2@db.abc.supabase.co:5432/postgres",
    };
    const migrations = deployPlan("production", values).find((step) => step.name === "migrations");
    expect(migrations && formatStep(migrations, "production")).toBe(
      "DATABASE_URL=<MIGRATIONS_DATABASE_URL from .env.production> npm run db:migrate",
    );
  });
});
