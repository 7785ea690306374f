export interface ProbeResult {
  state: "up" | "degraded" | "down";
  latencyMs: number;
  /** The component's own health body, when it sent JSON. */
  detail: unknown;
}

/** Asks one health URL; a component that does not answer in time counts as down. */
export async function probe(url: string, timeoutMs = 3_000): Promise<ProbeResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    const latencyMs = Math.round(performance.now() - started);
    const detail = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    // A function answers healthy / degraded with 200 and unhealthy with 503 (see platform/http/health.ts).
    const reported = (detail as { status?: string } | null)?.status;
    if (response.ok) return { state: reported === "degraded" ? "degraded" : "up", latencyMs, detail };
    return { state: response.status === 503 ? "degraded" : "down", latencyMs, detail };
  } catch {
    return { state: "down", latencyMs: Math.round(performance.now() - started), detail: null };
  }
}

/** The database is reported by the functions' health checks, which measure it from where it is used. */
export function databaseLatency(detail: unknown): number | null {
  const checks = (detail as { checks?: { database?: { ok?: boolean; latencyMs?: number } } } | null)?.checks;
  return checks?.database?.ok ? (checks.database.latencyMs ?? null) : null;
}

export interface DependencyCheck {
  name: string;
  ok: boolean;
  latencyMs: number | null;
  detail: string | null;
}

/** The dependency checks a function's health body lists (database, Redis, credentials, services). */
export function dependencyChecks(detail: unknown): DependencyCheck[] {
  const checks = (
    detail as { checks?: Record<string, { ok?: boolean; latencyMs?: number; detail?: string }> } | null
  )?.checks;
  if (!checks) return [];
  return Object.entries(checks).map(([name, check]) => ({
    name,
    ok: check.ok === true,
    latencyMs: typeof check.latencyMs === "number" ? check.latencyMs : null,
    detail: typeof check.detail === "string" ? check.detail : null,
  }));
}
