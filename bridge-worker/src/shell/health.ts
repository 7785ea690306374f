import { BRIDGE_FUNCTION } from "../../../functions/_shared/contracts/index.ts";
import { bridgeConfig } from "../env.ts";

/** One check's outcome, as the functions' `/health` reports its own (see functions/_shared/platform/http/health.ts). */
export interface CheckResult {
  ok: boolean;
  /** A failed critical check makes the Worker unhealthy (503); any other failure only degraded. */
  critical: boolean;
  latencyMs: number;
  detail?: string;
}

export type HealthStatus = "healthy" | "degraded" | "unhealthy";

export interface WorkerHealth {
  status: HealthStatus;
  component: "bridge-worker";
  checks: { secrets: CheckResult; functionsBridge: CheckResult; durableObjects: CheckResult };
}

const CHECK_TIMEOUT_MS = 2_000;
/** functions/bridge answering slower than this still works but makes call starts late: degraded. */
const SLOW_MS = 1_000;

/**
 * The Worker's health: its configuration (every secret set and well-formed; the names of what is missing,
 * never a value), its Durable Object binding, and functions/bridge's own `/health` — unreachable, timed out
 * or unhealthy means no call can get its context (unhealthy); degraded or slow there is degraded here.
 */
export async function workerHealth(env: Env, fetcher: typeof fetch): Promise<WorkerHealth> {
  const secrets = timed(() => {
    bridgeConfig(env);
    return { ok: true };
  });
  const durableObjects = timed(() => ({ ok: typeof env.CALL_BRIDGE?.idFromName === "function" }));
  const functionsBridge = secrets.ok
    ? await bridgeHealth(bridgeConfig(env).FUNCTIONS_URL, fetcher)
    : { ok: false, critical: true, latencyMs: 0, detail: "not checked: configuration incomplete" };
  const checks = { secrets, functionsBridge, durableObjects };
  const failed = Object.values(checks).filter((check) => !check.ok);
  const status: HealthStatus = failed.some((check) => check.critical)
    ? "unhealthy"
    : failed.length > 0
      ? "degraded"
      : "healthy";
  return { status, component: "bridge-worker", checks };
}

function timed(check: () => { ok: boolean }): CheckResult {
  const started = performance.now();
  try {
    return { ...check(), critical: true, latencyMs: elapsed(started) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : "failed";
    return { ok: false, critical: true, latencyMs: elapsed(started), detail };
  }
}

async function bridgeHealth(functionsUrl: string, fetcher: typeof fetch): Promise<CheckResult> {
  const started = performance.now();
  const url = `${functionsUrl.replace(/\/+$/, "")}/${BRIDGE_FUNCTION}/health`;
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    const latencyMs = elapsed(started);
    const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
    const status = typeof body?.status === "string" ? body.status : null;
    if (!response.ok) return { ok: false, critical: true, latencyMs, detail: `answered ${response.status}` };
    if (status !== "healthy" && status !== "ok")
      return { ok: false, critical: false, latencyMs, detail: `reports ${status ?? "no status"}` };
    if (latencyMs > SLOW_MS) return { ok: false, critical: false, latencyMs, detail: "slow" };
    return { ok: true, critical: true, latencyMs };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      critical: true,
      latencyMs: elapsed(started),
      detail: timedOut ? "timed out" : "unreachable",
    };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
