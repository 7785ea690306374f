/**
 * Proves an Edge Function resolves and bundles the way Supabase's deploy builds it: the function's folder
 * and `functions/_shared` copied alone into an empty directory (no package.json, no node_modules above
 * it), its own `deno.json` as the only import map, npm packages fetched by Deno into its own cache, no
 * remote URLs. `deno info --json` lists the module graph; any unresolved import, any file outside the
 * copied tree and any `node:` built-in imported by our own code is a problem (Supabase's Edge Runtime is
 * Deno with web-standard APIs; our code stays off Node's). Then `deno bundle` must succeed.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export type BundleProof =
  | { ok: true; modules: number; bundleBytes: number }
  | { ok: false; problems: string[] };

type InfoModule = {
  specifier: string;
  kind?: string;
  error?: string;
  dependencies?: { specifier: string; code?: { specifier?: string; error?: string } }[];
};

export type ProveOptions = {
  /** The function's folder (its `index.ts` and `deno.json`). */
  functionDir: string;
  /** `functions/_shared`, copied beside it as the deploy uploads it. */
  sharedDir: string;
  deno: string;
  /** Deno's cache for npm packages (kept between runs so only the first one downloads). */
  denoDir: string;
};

const skipped = (path: string) => path.includes(`${sep}node_modules`) || /\.test\.ts$/.test(path);

const run = promisify(execFile);
/** A command's exit and output; asynchronous so a test's worker keeps answering while Deno works. */
async function exec(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return run(command, args, { cwd, env, maxBuffer: 256 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      status: typeof error.code === "number" ? error.code : 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? String(error),
    }),
  );
}

export async function proveFunctionBundle(options: ProveOptions): Promise<BundleProof> {
  const work = mkdtempSync(join(tmpdir(), "ultaura-bundle-"));
  try {
    const name = basename(options.functionDir);
    const tree = join(work, "functions");
    cpSync(options.functionDir, join(tree, name), { recursive: true, filter: (p) => !skipped(p) });
    cpSync(options.sharedDir, join(tree, "_shared"), { recursive: true, filter: (p) => !skipped(p) });
    const entry = join(tree, name, "index.ts");
    const flags = [
      "--config",
      join(tree, name, "deno.json"),
      "--no-lock",
      "--node-modules-dir=none",
      "--no-remote",
    ];
    const env = { ...process.env, DENO_DIR: options.denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };

    const info = await exec(options.deno, ["info", "--json", ...flags, entry], work, env);
    if (info.status !== 0) return { ok: false, problems: [`deno info failed: ${info.stderr.trim()}`] };
    const graph = JSON.parse(info.stdout) as { modules: InfoModule[] };
    const problems = graphProblems(graph.modules, tree);

    const out = join(work, "out", `${name}.js`);
    mkdirSync(join(work, "out"));
    const bundle = await exec(
      options.deno,
      ["bundle", ...flags, "--platform", "deno", "-o", out, entry],
      work,
      env,
    );
    if (bundle.status !== 0)
      problems.push(`deno bundle failed: ${bundle.stderr.replace(/^⚠️.*\n/, "").trim()}`);
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, modules: graph.modules.length, bundleBytes: statSync(out).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What in a `deno info` graph would fail or misbehave on the platform. */
export function graphProblems(modules: InfoModule[], tree: string): string[] {
  const problems: string[] = [];
  for (const module of modules) {
    if (module.error) problems.push(module.error);
    if (!module.specifier.startsWith("file:")) continue;
    const path = fileURLToPath(module.specifier);
    if (!path.startsWith(`${tree}${sep}`)) problems.push(`outside the function tree: ${path}`);
    for (const dependency of module.dependencies ?? []) {
      if (dependency.code?.error) problems.push(dependency.code.error);
      if (dependency.specifier.startsWith("node:")) {
        problems.push(`Node built-in ${dependency.specifier} imported by ${path.slice(tree.length + 1)}`);
      }
    }
  }
  return [...new Set(problems)];
}
