import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { deployPlan, type Environment, environments, type Step, stepEnv } from "./plan.ts";

/**
 * The deploy's own wrangler and build commands (scripts/deploy/plan.ts), run with `--dry-run --outdir`:
 * Wrangler bundles the Worker and reads each configuration exactly as a deploy would, uploads nothing.
 */
const root = resolve(import.meta.dirname, "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const out = mkdtempSync(join(tmpdir(), "ultaura-dry-run-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const values = {
  FUNCTIONS_PUBLIC_URL: "https://abcdefghijklmnopqrst.supabase.co/functions/v1",
  BRIDGE_PUBLIC_URL: "wss://bridge.ultaura.example",
  VITE_SUPABASE_URL: "https://abcdefghijklmnopqrst.supabase.co",
  VITE_SUPABASE_ANON_KEY: "sb_publishable_dry_run",
};

const execFileAsync = promisify(execFile);
/** Runs a plan step's command (asynchronously: a build takes a while, and the test worker must stay responsive). */
async function run(step: Step, extraArgs: string[] = []) {
  expect(step.command).toBe("npx");
  const [tool, ...args] = step.args;
  const env = { ...process.env, ...stepEnv(step, values), WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
  return execFileAsync(bin(tool as string), [...args, ...extraArgs], {
    cwd: root,
    env,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      status: typeof error.code === "number" ? error.code : 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? String(error),
    }),
  );
}
const stepNamed = (environment: Environment, name: string) => {
  const step = deployPlan(environment, values).find((candidate) => candidate.name === name);
  if (!step) throw new Error(`no step ${name}`);
  return step;
};

describe("wrangler dry runs of what npm run deploy ships", () => {
  for (const environment of environments) {
    it(`the bridge Worker's [env.${environment}]: bundles with its Durable Object and project URLs`, async () => {
      const outdir = join(out, `worker-${environment}`);
      const result = await run(stepNamed(environment, "bridge worker"), ["--dry-run", "--outdir", outdir]);
      expect(result.status, result.stderr).toBe(0);
      expect(existsSync(join(outdir, "index.js"))).toBe(true);
      expect(result.stdout).toMatch(/env\.CALL_BRIDGE \(CallBridge\)\s+Durable Object/);
      // Wrangler hides the values given with --var (the project's URLs, from .env.<env>).
      expect(result.stdout).toContain('env.FUNCTIONS_URL ("(hidden)")');
      expect(result.stdout).toContain('env.BRIDGE_PUBLIC_URL ("(hidden)")');
      expect(result.stdout).toContain('env.XAI_REALTIME_URL ("wss://api.x.ai/v1/realtime")');
      // The longest code-update grace Cloudflare allows a running Durable Object (docs/DEPLOY.md).
      expect(result.stdout).toMatch(
        /unsafe metadata will be attached[^{]*\{\s*"code_update_strategy": \{\s*"mode": "deferred",\s*"max_delay": 86400\s*\}/,
      );
      // Secrets are never vars: they are set with `wrangler secret put`.
      expect(result.stdout).not.toMatch(/SECRET|XAI_API_KEY|AUTH_TOKEN/);
    }, 120_000);
  }

  it("the web app builds with production settings and a policy naming only its Supabase project", async () => {
    const build = await run(stepNamed("production", "web app: build"), ["--logLevel", "error"]);
    expect(build.status, build.stderr).toBe(0);
    const dist = join(root, "web", "dist");
    expect(readFileSync(join(dist, "index.html"), "utf8")).toMatch(
      /<script type="module"[^>]+src="\/assets\//,
    );
    const headers = readFileSync(join(dist, "_headers"), "utf8");
    expect(headers).toContain("connect-src 'self' https://abcdefghijklmnopqrst.supabase.co;");
    expect(headers).toContain("script-src 'self';");
    expect(headers).toContain("frame-ancestors 'none'");
    // The anon key is public, but the build must carry this environment's, not the local one.
    const scripts = readdirSync(join(dist, "assets")).filter((file) => file.endsWith(".js"));
    const carriesKey = scripts.some((file) =>
      readFileSync(join(dist, "assets", file), "utf8").includes("sb_publishable_dry_run"),
    );
    expect(carriesKey).toBe(true);
  }, 120_000);

  for (const environment of environments) {
    it(`the web app's [env.${environment}] deploys as static assets with an SPA fallback`, async () => {
      const step = stepNamed(environment, "web app: static assets");
      const result = await run(step, ["--dry-run", "--outdir", join(out, `web-${environment}`)]);
      expect(result.status, result.stderr).toBe(0);
      const config = readFileSync(join(root, "web", "wrangler.toml"), "utf8");
      expect(config).toContain('not_found_handling = "single-page-application"');
      expect(config).toContain('directory = "./dist"');
      expect(config).toContain(`[env.${environment}]`);
    }, 120_000);
  }
});
