import type { Database } from "../../platform/db.ts";
import type { Logger } from "../../platform/log.ts";

/** Sends one meter event to Stripe; resolves once Stripe accepted it. */
export type SendMeterEvent = (event: {
  eventName: string;
  customerId: string;
  value: number;
  identifier: string;
  timestamp: number;
}) => Promise<void>;

export interface ReporterDeps {
  db: Database;
  send: SendMeterEvent;
  meterEventName: string;
  now: () => Date;
  log: Logger;
  /** Attempts before a row is marked `failed` and left for a person to look at. */
  maxAttempts?: number;
  /** Test seam: runs after Stripe accepted a row and before the row is marked (a crash here must not double-bill). */
  afterAccepted?: (ledgerId: string) => void | Promise<void>;
}

export interface ReportSummary {
  reported: number;
  retrying: number;
  failed: number;
}

interface DueRow {
  id: string;
  overage_minutes: number;
  stripe_identifier: string;
  created_at: Date;
  stripe_report_attempts: number;
  stripe_customer_id: string | null;
}

const DEFAULT_MAX_ATTEMPTS = 8;
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
/** Stripe takes meter events up to 35 days old; older rows are sent as of a day inside that window. */
const OLDEST_TIMESTAMP_SECONDS = 34 * 86_400;

export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/**
 * The overage outbox: each pending ledger row's overage minutes (every minute for pay-as-you-go) become one
 * Billing Meter event whose identifier is the row's `stripe_identifier`. A row is locked while it is sent
 * (SKIP LOCKED, so a second reporter takes other rows) and marked `reported` only after Stripe accepted it,
 * in the same transaction; if the process dies in between, the row stays pending and the resend carries the
 * same identifier, which Stripe de-duplicates — so a crash never bills twice. Failures are retried with
 * exponential backoff and become `failed`, with the error kept, after `maxAttempts`.
 */
export async function reportPendingOverage(deps: ReporterDeps, limit = 100): Promise<ReportSummary> {
  const summary: ReportSummary = { reported: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await deps.db.asService(async (tx) => {
      const now = deps.now();
      const [row] = await tx<DueRow[]>`
        select l.id, l.overage_minutes, l.stripe_identifier, l.created_at, l.stripe_report_attempts, a.stripe_customer_id
        from public.ultaura_minute_ledger l
        join public.ultaura_accounts a on a.id = l.account_id
        where l.stripe_report_status = 'pending'
          and (l.stripe_next_attempt_at is null or l.stripe_next_attempt_at <= ${now})
        order by l.stripe_next_attempt_at nulls first, l.created_at
        limit 1
        for update of l skip locked`;
      if (!row) return null;
      const attempts = row.stripe_report_attempts + 1;
      try {
        if (!row.stripe_customer_id) throw new Error("the account has no Stripe customer");
        const nowSeconds = Math.floor(now.getTime() / 1000);
        await deps.send({
          eventName: deps.meterEventName,
          customerId: row.stripe_customer_id,
          value: row.overage_minutes,
          identifier: row.stripe_identifier,
          timestamp: Math.max(
            Math.floor(row.created_at.getTime() / 1000),
            nowSeconds - OLDEST_TIMESTAMP_SECONDS,
          ),
        });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = attempts >= (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
        const nextAt = new Date(now.getTime() + retryDelaySeconds(attempts) * 1000);
        await tx`
          update public.ultaura_minute_ledger set
            stripe_report_status = ${failed ? "failed" : "pending"},
            stripe_report_attempts = ${attempts},
            stripe_last_error = ${message},
            stripe_next_attempt_at = ${failed ? null : nextAt}
          where id = ${row.id}`;
        deps.log.warn("overage report failed", { ledgerId: row.id, attempts, failed, error: message });
        return failed ? "failed" : "retrying";
      }
      await deps.afterAccepted?.(row.id);
      await tx`
        update public.ultaura_minute_ledger set
          stripe_report_status = 'reported', stripe_reported_at = ${now}, stripe_report_attempts = ${attempts},
          stripe_last_error = null, stripe_next_attempt_at = null
        where id = ${row.id}`;
      deps.log.info("overage reported", { ledgerId: row.id, minutes: row.overage_minutes });
      return "reported";
    });
    if (outcome === null) break;
    summary[outcome] += 1;
  }
  return summary;
}
