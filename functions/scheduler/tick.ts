import type { DialOutcome, DialRequest } from "../_shared/domain/dialling/dial.ts";
import type { Database } from "../_shared/platform/db.ts";
import type { Logger } from "../_shared/platform/log.ts";
import { claimDueRuns, claimDueSchedules, countDueRuns, releaseStaleRuns, takeDialTokens } from "./claim.ts";
import { claimDueOccurrences, claimDueReminders, releaseStaleOccurrences } from "./reminders.ts";

/**
 * Other periodic work that rides on the scheduler's minute tick (e.g. billing's overage reporter for
 * stragglers). Each job runs after the dialling, gets the tick's clock, and a failure is logged without
 * failing the tick.
 */
export interface PeriodicJob {
  name: string;
  run(now: Date): Promise<void>;
}

export interface TickDeps {
  db: Database;
  /** The dialler for a batch (`dialMany`): one outcome per request, in order. */
  dial(requests: DialRequest[]): Promise<DialOutcome[]>;
  log: Logger;
  /** The clock that decides what is due (injected in tests). */
  now?: () => Date;
  /** TWILIO_MAX_CPS: calls placed per second across every running tick. */
  maxCallsPerSecond: number;
  /** Wall time a tick may spend dialling; what is left waits for the next tick. */
  budgetMs: number;
  /** Schedules claimed per transaction. */
  batchSize?: number;
  periodic?: readonly PeriodicJob[];
  sleep?: (ms: number) => Promise<void>;
  /** Measurement hook (bench/scheduler.ts): each claim's latency and size. */
  observeClaim?: (kind: ClaimKind, ms: number, count: number) => void;
}

type ClaimKind = "schedules" | "runs" | "reminders" | "occurrences";

export interface TickReport {
  schedulesClaimed: number;
  /** Due reminders whose occurrence this tick wrote (issue 24). */
  remindersClaimed: number;
  outcomes: Partial<Record<DialOutcome["kind"], number>>;
  skipped: Record<string, number>;
  /** Due runs left for the next tick (budget spent or rate reached). */
  leftover: number;
}

const STALE_CLAIM_MS = 5 * 60_000;

export async function runTick(deps: TickDeps): Promise<TickReport> {
  const clock = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const batch = deps.batchSize ?? 500;
  const started = performance.now();
  const timeLeft = () => deps.budgetMs - (performance.now() - started);
  const report: TickReport = {
    schedulesClaimed: 0,
    remindersClaimed: 0,
    outcomes: {},
    skipped: {},
    leftover: 0,
  };

  await releaseStaleRuns(deps.db, clock(), STALE_CLAIM_MS);
  await releaseStaleOccurrences(deps.db, clock(), STALE_CLAIM_MS);
  const timed = async <T extends number | unknown[]>(kind: ClaimKind, claim: () => Promise<T>) => {
    const at = performance.now();
    const result = await claim();
    deps.observeClaim?.(kind, performance.now() - at, typeof result === "number" ? result : result.length);
    return result;
  };
  for (;;) {
    const claimed = await timed("schedules", () => claimDueSchedules(deps.db, clock(), batch));
    report.schedulesClaimed += claimed;
    if (claimed < batch || timeLeft() <= 0) break;
  }
  for (;;) {
    const claimed = await timed("reminders", () => claimDueReminders(deps.db, clock(), batch));
    report.remindersClaimed += claimed;
    if (claimed < batch || timeLeft() <= 0) break;
  }

  while (timeLeft() > 0) {
    // Pacing is about Twilio's real clock, not the injected schedule clock.
    const granted = await takeDialTokens(deps.db, batch, deps.maxCallsPerSecond, new Date());
    if (granted === 0) {
      await sleep(Math.min(timeLeft(), Math.ceil(1000 / deps.maxCallsPerSecond)));
      continue;
    }
    // Scheduled calls first, then reminder calls, from the same tokens (one pace for every call).
    const runs = await timed("runs", () => claimDueRuns(deps.db, clock(), granted));
    const occurrences =
      runs.length < granted
        ? await timed("occurrences", () => claimDueOccurrences(deps.db, clock(), granted - runs.length))
        : [];
    const requests = [
      ...runs.map((run) => ({ lineId: run.lineId, accountId: run.accountId, runId: run.id })),
      ...occurrences.map((o) => ({ lineId: o.lineId, accountId: o.accountId, reminderOccurrenceId: o.id })),
    ];
    const outcomes = await deps.dial(requests).catch((error) => {
      // Runs left in `dialling` without a session are released by a later tick.
      deps.log.error("dial batch failed", { runs: runs.length, error: String(error) });
      return [] as DialOutcome[];
    });
    for (const outcome of outcomes) {
      report.outcomes[outcome.kind] = (report.outcomes[outcome.kind] ?? 0) + 1;
      if (outcome.kind === "skipped")
        report.skipped[outcome.reason] = (report.skipped[outcome.reason] ?? 0) + 1;
    }
    if (requests.length < granted) break;
  }
  report.leftover = await countDueRuns(deps.db, clock());

  for (const job of deps.periodic ?? []) {
    try {
      await job.run(clock());
    } catch (error) {
      deps.log.error("periodic job failed", { job: job.name, error: String(error) });
    }
  }
  return report;
}
