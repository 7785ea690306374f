import type { Context } from "hono";
import type { FunctionEnv } from "./app.ts";

export interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  detail?: string;
}

export type HealthCheck = () => Promise<CheckResult>;

export interface CheckSpec {
  run: HealthCheck;
  /** A failed critical check makes the function unhealthy (503); any other failure only degraded. */
  critical?: boolean;
  /** Runs only with `?deep=1`: a real request to an outside service. */
  deep?: boolean;
}

export type HealthStatus = "healthy" | "degraded" | "unhealthy";

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs the checks concurrently, each bounded and timed, and answers `healthy` (200) when all pass,
 * `degraded` (200) when only non-critical ones fail, `unhealthy` (503) when a critical one fails. A bare
 * function is a critical check. Deep checks run only with `?deep=1`.
 */
export function healthHandler(name: string, checks: Record<string, HealthCheck | CheckSpec>) {
  const specs = Object.entries(checks).map(
    ([key, check]) => [key, typeof check === "function" ? { run: check, critical: true } : check] as const,
  );
  return async (c: Context<FunctionEnv>) => {
    const deep = c.req.query("deep") === "1";
    const entries = await Promise.all(
      specs
        .filter(([, spec]) => deep || !spec.deep)
        .map(
          async ([key, spec]) =>
            [key, { ...(await runBounded(spec.run)), critical: spec.critical ?? false }] as const,
        ),
    );
    const results = Object.fromEntries(entries);
    const failed = entries.filter(([, result]) => !result.ok);
    const status: HealthStatus = failed.some(([, result]) => result.critical)
      ? "unhealthy"
      : failed.length > 0
        ? "degraded"
        : "healthy";
    if (status !== "healthy") c.var.log.warn("health", { status, failed: failed.map(([key]) => key) });
    return c.json({ status, function: name, deep, checks: results }, status === "unhealthy" ? 503 : 200);
  };
}

async function runBounded(check: HealthCheck): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = performance.now();
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: "timed out" }), CHECK_TIMEOUT_MS);
  });
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    const result = await Promise.race([check(), timeout]);
    return { ...result, latencyMs: result.latencyMs ?? elapsed() };
  } catch {
    return { ok: false, latencyMs: elapsed(), detail: "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

export function databaseCheck(ping: () => Promise<number>): HealthCheck {
  return async () => ({ ok: true, latencyMs: Math.round((await ping()) * 100) / 100 });
}
