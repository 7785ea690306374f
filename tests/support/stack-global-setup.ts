import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { loadLocalEnv } from "../../scripts/env-file.ts";
import { freePortsFor } from "../../scripts/stack/free-port.ts";
import { startStack } from "../../scripts/stack/index.ts";
import { DEFAULT_PORTS, type LocalUrls, type StackPorts } from "../../scripts/stack/ports.ts";
import { providePhoneClaims } from "./phone-claims.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: { urls: LocalUrls; databaseUrl: string; env: Record<string, string> };
    /** A second origin for the web app, allowed by functions/api and Auth: a test serves a build there. */
    crossOriginWeb: string;
  }
}

/**
 * Starts the whole stack the way `npm start` does, on free ports and a scratch data folder so it can
 * run beside a developer's own `npm start`. It always uses the embedded database, as the quick start
 * does; the db tests cover PostgreSQL 15 through TEST_DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, "../..");
  const dataDir = mkdtempSync(join(tmpdir(), "ultaura-e2e-"));
  const { crossOriginWeb: crossOriginPort, ...ports }: StackPorts & { crossOriginWeb: number } =
    await freePortsFor([...(Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[]), "crossOriginWeb"]);
  const crossOriginWeb = `http://127.0.0.1:${crossOriginPort}`;
  const env = loadLocalEnv(root, {});
  const output: string[] = [];
  const stack = await startStack({
    root,
    // A 5-second minute in the bridge's countdown: the trial cut-off test takes seconds, not minutes.
    // No clock-driven scheduler tick: a seeded schedule coming due mid-run would really be dialled and
    // race the tests that tick the scheduler themselves (with their own clock).
    env: {
      ...env,
      LOG_LEVEL: "warn",
      BRIDGE_MINUTE_SECONDS: "5",
      CALLING_HOURS_FLOOR: "00:00-00:00",
      QSTASH_SIM_TICK_CRON: "off",
      // The stack adds its own web origin; this one is where tests/e2e/web-cross-origin.test.ts serves a build.
      ALLOWED_ORIGINS: [env.ALLOWED_ORIGINS, crossOriginWeb].filter(Boolean).join(","),
      // The fault tests reset a call's Durable Object mid-call, as a deploy does.
      BRIDGE_TEST_CONTROLS: "on",
    },
    ports,
    dataDir,
    print: (line) => {
      output.push(line);
      if (process.env.E2E_VERBOSE) console.log(line);
    },
    onUnexpectedExit: (name, how) =>
      console.error(`[e2e stack] ${name} exited (${how})\n${output.slice(-40).join("\n")}`),
    startTimeoutMs: 120_000,
  }).catch((error) => {
    console.error(output.slice(-80).join("\n"));
    throw error;
  });
  project.provide("stack", { urls: stack.urls, databaseUrl: stack.databaseUrl, env: stack.env });
  project.provide("crossOriginWeb", crossOriginWeb);
  const releasePhones = providePhoneClaims(project);
  return async () => {
    releasePhones();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
