import type { Context } from "hono";
import type { FunctionEnv } from "./app.ts";

export interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  detail?: string;
}

export type HealthCheck = () => Promise<CheckResult>;

const CHECK_TIMEOUT_MS = 2_000;

/** Runs every dependency check concurrently, each bounded, and answers 200 only when all pass. */
export function healthHandler(name: string, checks: Record<string, HealthCheck>) {
  return async (c: Context<FunctionEnv>) => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([key, check]) => [key, await runBounded(check)] as const),
    );
    const results = Object.fromEntries(entries);
    const ok = entries.every(([, result]) => result.ok);
    if (!ok) c.var.log.warn("health degraded", { checks: results });
    return c.json({ status: ok ? "ok" : "degraded", function: name, checks: results }, ok ? 200 : 503);
  };
}

async function runBounded(check: HealthCheck): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: "timed out" }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch {
    return { ok: false, detail: "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

export function databaseCheck(ping: () => Promise<number>): HealthCheck {
  return async () => ({ ok: true, latencyMs: Math.round((await ping()) * 100) / 100 });
}
