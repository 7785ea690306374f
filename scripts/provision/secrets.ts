/**
 * Pushes one `.env.<env>` to both platforms: the functions' secrets to Supabase (`supabase secrets set
 * --env-file`, values never on a command line) and the Worker's (the names in
 * bridge-worker/secret-names.env) to Cloudflare (`wrangler secret bulk`, one new Worker version).
 * Supabase lists each secret's SHA-256 digest, so only new or changed values are sent; Cloudflare never
 * returns a value, so the Worker's are sent only when one of its names is missing or the caller asks.
 * Names with Supabase's reserved `SUPABASE_` prefix cannot be function secrets: the platform sets them.
 * An empty value is unset on Supabase rather than sent.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { deployKeys, type Environment } from "../deploy/plan.ts";
import type { ProvisionOutcome } from "./outcome.ts";

/** The Worker's own credentials: the functions never read them, so Supabase never holds them. */
export const WORKER_ONLY = ["XAI_API_KEY", "TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET"];

export type CommandRunner = (command: string, args: string[]) => Promise<{ code: number; stdout: string }>;

export function workerSecretNames(root: string): string[] {
  return Object.keys(parseEnv(readFileSync(join(root, "bridge-worker", "secret-names.env"), "utf8")));
}

/** What goes to Supabase: everything but the deploy's own keys, the web build's, the Worker-only ones. */
export function functionSecrets(values: Record<string, string>, workerOnly: string[]) {
  const secrets: Record<string, string> = {};
  const reserved: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (
      (deployKeys as readonly string[]).includes(name) ||
      name.startsWith("VITE_") ||
      workerOnly.includes(name)
    )
      continue;
    if (name.startsWith("SUPABASE_")) reserved.push(name);
    else secrets[name] = value;
  }
  return { secrets, reserved };
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex");

export async function pushSecrets(
  input: {
    environment: Environment;
    values: Record<string, string>;
    workerNames: string[];
    forceWorker?: boolean;
  },
  options: { dryRun: boolean; run: CommandRunner; print: (line: string) => void },
): Promise<ProvisionOutcome> {
  const { environment, values, workerNames } = input;
  const { dryRun, run, print } = options;
  const ref = values.SUPABASE_PROJECT_REF;
  if (!ref) throw new Error(`.env.${environment} lacks SUPABASE_PROJECT_REF`);
  const missingWorker = workerNames.filter((name) => !values[name]);
  if (missingWorker.length > 0) throw new Error(`.env.${environment} lacks ${missingWorker.join(", ")}`);

  const { secrets, reserved } = functionSecrets(values, WORKER_ONLY);
  for (const name of reserved)
    print(`skip ${name}: Supabase reserves the SUPABASE_ prefix and sets it itself`);

  const listed = await run("supabase", ["secrets", "list", "--project-ref", ref, "--output", "json"]);
  const current = new Map(
    listed.code === 0
      ? (JSON.parse(listed.stdout || "[]") as { name: string; value: string }[]).map((s) => [s.name, s.value])
      : [],
  );
  // An empty value means "not set" (e.g. MEMORY_KEK_PREVIOUS after a rotation): unset it if present.
  const unset = Object.keys(secrets).filter((name) => secrets[name] === "" && current.has(name));
  const changed = Object.keys(secrets).filter(
    (name) => secrets[name] !== "" && current.get(name) !== digest(secrets[name] as string),
  );
  const actions: string[] = [];
  if (unset.length > 0) {
    const args = ["secrets", "unset", "--project-ref", ref, ...unset];
    actions.push(`supabase ${args.join(" ")}`);
    print(`${dryRun ? "would run" : "$"} supabase ${args.join(" ")}`);
    if (!dryRun) {
      const result = await run("supabase", args);
      if (result.code !== 0) throw new Error(`supabase secrets unset failed (exit ${result.code})`);
    }
  }
  const work = mkdtempSync(join(tmpdir(), "ultaura-secrets-"));
  try {
    if (changed.length > 0) {
      const file = join(work, "functions.env");
      const args = ["secrets", "set", "--project-ref", ref, "--env-file", file];
      actions.push(`supabase ${args.join(" ")}  # ${changed.join(", ")}`);
      print(`${dryRun ? "would run" : "$"} supabase ${args.join(" ")}  # ${changed.join(", ")}`);
      if (!dryRun) {
        writeFileSync(file, changed.map((name) => `${name}=${JSON.stringify(secrets[name])}\n`).join(""), {
          mode: 0o600,
        });
        const result = await run("supabase", args);
        if (result.code !== 0) throw new Error(`supabase secrets set failed (exit ${result.code})`);
      }
    } else print(`Supabase already holds these ${Object.keys(secrets).length} secrets`);

    const worker = await run("npx", ["wrangler", "secret", "list", "--env", environment, "--format", "json"]);
    const present = new Set(
      worker.code === 0 ? (JSON.parse(worker.stdout || "[]") as { name: string }[]).map((s) => s.name) : [],
    );
    const absent = workerNames.filter((name) => !present.has(name));
    if (absent.length > 0 || input.forceWorker) {
      const file = join(work, "worker.json");
      const args = ["wrangler", "secret", "bulk", file, "--env", environment];
      const names = input.forceWorker ? workerNames : absent;
      actions.push(`npx ${args.join(" ")}  # ${names.join(", ")}`);
      print(`${dryRun ? "would run" : "$"} npx ${args.join(" ")}  # ${names.join(", ")}`);
      if (!dryRun) {
        writeFileSync(file, JSON.stringify(Object.fromEntries(names.map((n) => [n, values[n]]))), {
          mode: 0o600,
        });
        const result = await run("npx", args);
        if (result.code !== 0) throw new Error(`wrangler secret bulk failed (exit ${result.code})`);
      }
    } else
      print(
        `The ${environment} Worker already has all ${workerNames.length} secrets (--force-worker re-sends them)`,
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { changed: !dryRun && actions.length > 0, actions };
}
