import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { type CommandRunner, pushSecrets, workerSecretNames } from "./secrets.ts";

const root = resolve(import.meta.dirname, "..", "..");
const workerNames = workerSecretNames(root);

const values: Record<string, string> = {
  SUPABASE_PROJECT_REF: "abcdefghijklmnopqrst",
  MIGRATIONS_DATABASE_URL: "postgres://postgres:pw@db.abcdefghijklmnopqrst.supabase.co:5432/postgres",
  VITE_SUPABASE_URL: "https://abcdefghijklmnopqrst.supabase.co",
  SUPABASE_JWT_SECRET: "a-jwt-secret-that-is-at-least-32-characters",
  DATABASE_URL: "postgres://postgres.abc:pw@pooler.supabase.com:6543/postgres",
  STRIPE_SECRET_KEY: "sk_live_value",
  XAI_API_KEY: "xai-live",
  TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "twilio-auth-token-live",
  TWILIO_API_KEY_SID: `SK${"2".repeat(32)}`,
  TWILIO_API_KEY_SECRET: "twilio-api-key-secret-live",
  PREPARE_SIGNING_SECRET: "p".repeat(40),
  BRIDGE_REQUEST_SECRET: "b".repeat(40),
  STREAM_TOKEN_SECRET: "s".repeat(40),
};

/** Both platforms as their CLIs show them: Supabase lists names with SHA-256 digests, Cloudflare names only. */
function fakePlatforms() {
  const supabase = new Map<string, string>();
  const worker = new Map<string, string>();
  const calls: string[] = [];
  const run: CommandRunner = async (command, args) => {
    calls.push([command, ...args].join(" "));
    if (command === "supabase" && args[1] === "list") {
      const list = [...supabase].map(([name, value]) => ({
        name,
        value: createHash("sha256").update(value).digest("hex"),
      }));
      return { code: 0, stdout: JSON.stringify(list) };
    }
    if (command === "supabase" && args[1] === "unset") {
      for (const name of args.slice(4)) supabase.delete(name);
      return { code: 0, stdout: "" };
    }
    if (command === "supabase" && args[1] === "set") {
      const file = args[args.indexOf("--env-file") + 1] as string;
      for (const [name, value] of Object.entries(parseEnv(readFileSync(file, "utf8"))))
        supabase.set(name, value as string);
      return { code: 0, stdout: "" };
    }
    if (args.slice(0, 3).join(" ") === "wrangler secret list") {
      return {
        code: 0,
        stdout: JSON.stringify([...worker.keys()].map((name) => ({ name, type: "secret_text" }))),
      };
    }
    if (args.slice(0, 3).join(" ") === "wrangler secret bulk") {
      for (const [name, value] of Object.entries(JSON.parse(readFileSync(args[3] as string, "utf8")))) {
        worker.set(name, value as string);
      }
      return { code: 0, stdout: "" };
    }
    return { code: 1, stdout: "" };
  };
  return { supabase, worker, calls, run };
}

describe("provision: secrets from one .env.production to Supabase and Cloudflare", () => {
  it("a dry run prints the commands and sets nothing; a run sets each side's; a second run changes nothing", async () => {
    const platforms = fakePlatforms();
    const lines: string[] = [];
    const input = { environment: "production" as const, values, workerNames };
    const dry = await pushSecrets(input, {
      dryRun: true,
      run: platforms.run,
      print: (line) => lines.push(line),
    });
    expect(dry.changed).toBe(false);
    expect(lines.join("\n")).toMatch(
      /would run supabase secrets set --project-ref abcdefghijklmnopqrst --env-file \S+ {2}# DATABASE_URL, STRIPE_SECRET_KEY, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, PREPARE_SIGNING_SECRET, BRIDGE_REQUEST_SECRET, STREAM_TOKEN_SECRET/,
    );
    expect(lines.join("\n")).toMatch(
      /would run npx wrangler secret bulk \S+ --env production {2}# .*XAI_API_KEY/,
    );
    expect(lines).toContain(
      "skip SUPABASE_JWT_SECRET: Supabase reserves the SUPABASE_ prefix and sets it itself",
    );
    expect(lines.join("\n")).not.toContain("sk_live_value");
    expect(platforms.supabase.size + platforms.worker.size).toBe(0);

    const first = await pushSecrets(input, { dryRun: false, run: platforms.run, print: () => {} });
    expect(first.changed).toBe(true);
    expect([...platforms.supabase.keys()].sort()).toEqual([
      "BRIDGE_REQUEST_SECRET",
      "DATABASE_URL",
      "PREPARE_SIGNING_SECRET",
      "STREAM_TOKEN_SECRET",
      "STRIPE_SECRET_KEY",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
    ]);
    expect(platforms.supabase.get("STRIPE_SECRET_KEY")).toBe("sk_live_value");
    expect([...platforms.worker.keys()].sort()).toEqual([...workerNames].sort());
    expect(platforms.worker.get("XAI_API_KEY")).toBe("xai-live");
    expect(platforms.calls.every((call) => !call.includes("sk_live_value"))).toBe(true);

    const writes = platforms.calls.filter((call) => / secrets set | secret bulk /.test(call)).length;
    const second = await pushSecrets(input, { dryRun: false, run: platforms.run, print: () => {} });
    expect(second).toEqual({ changed: false, actions: [] });
    expect(platforms.calls.filter((call) => / secrets set | secret bulk /.test(call)).length).toBe(writes);

    // A changed value goes out alone.
    const rotated = { ...input, values: { ...values, STRIPE_SECRET_KEY: "sk_live_rotated" } };
    const third = await pushSecrets(rotated, { dryRun: false, run: platforms.run, print: () => {} });
    expect(third.actions).toEqual([expect.stringMatching(/supabase secrets set .* {2}# STRIPE_SECRET_KEY$/)]);
    expect(platforms.supabase.get("STRIPE_SECRET_KEY")).toBe("sk_live_rotated");

    // A value emptied in the file (the previous KEK after a rotation) is unset, not sent empty.
    const withPrevious = { ...rotated, values: { ...rotated.values, MEMORY_KEK_PREVIOUS: "1:old-key" } };
    await pushSecrets(withPrevious, { dryRun: false, run: platforms.run, print: () => {} });
    expect(platforms.supabase.get("MEMORY_KEK_PREVIOUS")).toBe("1:old-key");
    const emptied = { ...rotated, values: { ...rotated.values, MEMORY_KEK_PREVIOUS: "" } };
    const unset = await pushSecrets(emptied, { dryRun: false, run: platforms.run, print: () => {} });
    expect(unset.actions).toEqual([
      "supabase secrets unset --project-ref abcdefghijklmnopqrst MEMORY_KEK_PREVIOUS",
    ]);
    expect(platforms.supabase.has("MEMORY_KEK_PREVIOUS")).toBe(false);
    expect(await pushSecrets(emptied, { dryRun: false, run: platforms.run, print: () => {} })).toEqual({
      changed: false,
      actions: [],
    });
  });

  it("refuses a file missing a Worker secret, before touching either platform", async () => {
    const platforms = fakePlatforms();
    const { XAI_API_KEY: _, ...without } = values;
    await expect(
      pushSecrets(
        { environment: "staging", values: without, workerNames },
        { dryRun: false, run: platforms.run, print: () => {} },
      ),
    ).rejects.toThrow(".env.staging lacks XAI_API_KEY");
    expect(platforms.calls).toEqual([]);
  });
});
