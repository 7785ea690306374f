import { billingBackground } from "../_shared/domain/billing/background.ts";
import { dialMany } from "../_shared/domain/dialling/dial.ts";
import { notifyMembers } from "../_shared/domain/notifications/notify.ts";
import { twilioSmsSender } from "../_shared/domain/notifications/sms.ts";
import { createFunctionApp } from "../_shared/platform/http/app.ts";
import { dependencyChecks } from "../_shared/platform/http/dependency-checks.ts";
import { databaseCheck, healthHandler } from "../_shared/platform/http/health.ts";
import { qstashSignature } from "../_shared/platform/qstash-signature.ts";
import type { FunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { billingWhenConfigured } from "../_shared/wiring/billing.ts";
import { type DiallerOptions, dialDepsFromEnv } from "../_shared/wiring/dialler.ts";
import { billingNotices } from "./billing-notices.ts";
import { loadSchedulerConfig } from "./config.ts";
import { missedCallNotices } from "./missed-calls.ts";
import { type NotifyMembers, reminderMisses } from "./reminder-misses.ts";
import { safetySummaries } from "./safety-summaries.ts";
import { sessionSweep } from "./sweep.ts";
import { type PeriodicJob, runTick } from "./tick.ts";
import { weeklyDigests } from "./weekly-digest.ts";

export interface SchedulerAppOptions extends DiallerOptions {
  /** Work that runs once per tick after the dialling (billing's overage reporter plugs in here). */
  periodic?: readonly PeriodicJob[];
  sleep?: (ms: number) => Promise<void>;
  /** Tells the family about a missed reminder; the care circle's `notifyMembers` (kind `reminders`) by default. */
  notifyMembers?: NotifyMembers;
}

/**
 * The scheduler: QStash POSTs `/scheduler/tick` every minute. A tick claims due schedules, dials due
 * runs at TWILIO_MAX_CPS, leaves the rest for the next tick and runs the periodic jobs.
 */
export function createSchedulerApp({ db, log, env }: FunctionDeps, options: SchedulerAppOptions = {}) {
  const config = loadSchedulerConfig(env);
  const dialDeps = dialDepsFromEnv(db, env, options);
  const notify = { db, sms: twilioSmsSender(dialDeps.twilio, dialDeps.fromNumber), log };
  const notifyReminders: NotifyMembers =
    options.notifyMembers ?? ((notice) => notifyMembers(notify, { ...notice, kind: "reminders" }));
  // The sweep runs before billing, so a call it closes is reported to Stripe in the same tick, and before
  // the missed-call notices, so a call it settles as missed is told in the same tick.
  const periodic = options.periodic ?? [
    sessionSweep(db, dialDeps.twilio, log, { afterMinutes: config.CALL_SWEEP_AFTER_MINUTES }),
    missedCallNotices(notify),
    safetySummaries(notify),
    weeklyDigests(notify),
    billingNotices(notify),
    billingBackground(billingWhenConfigured(db, env, log), log).periodic,
    reminderMisses(db, notifyReminders, log),
  ];
  const app = createFunctionApp({ name: "scheduler", log });
  app.get(
    "/health",
    healthHandler("scheduler", { database: databaseCheck(db.ping), ...dependencyChecks(env) }),
  );

  const tickUrl = `${config.FUNCTIONS_PUBLIC_URL.replace(/\/+$/, "")}/scheduler/tick`;
  app.post(
    "/tick",
    qstashSignature(
      { current: config.QSTASH_CURRENT_SIGNING_KEY, next: config.QSTASH_NEXT_SIGNING_KEY },
      tickUrl,
    ),
    async (c) => {
      const report = await runTick({
        db,
        dial: (requests) => dialMany(dialDeps, requests),
        log: c.var.log,
        maxCallsPerSecond: config.TWILIO_MAX_CPS,
        budgetMs: config.SCHEDULER_TICK_BUDGET_SECONDS * 1000,
        ...(options.now ? { now: options.now } : {}),
        periodic,
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
      c.var.log.info("tick", { ...report });
      return c.json(report);
    },
  );
  return app;
}
