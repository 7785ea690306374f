import type { BillingDeps } from "./deps.ts";
import { type ReportSummary, reportPendingOverage, type SendMeterEvent } from "./overage-reporter.ts";
import { suspendOverdueAccounts } from "./subscription-sync.ts";

/** Sends a meter event with the official client (`identifier` lets Stripe drop a repeat). */
export function stripeMeterSender(deps: BillingDeps): SendMeterEvent {
  return async (event) => {
    await deps.stripe.billing.meterEvents.create({
      event_name: event.eventName,
      payload: { stripe_customer_id: event.customerId, value: String(event.value) },
      identifier: event.identifier,
      timestamp: event.timestamp,
    });
  };
}

/**
 * Billing's periodic work: report pending overage, suspend accounts whose grace period ended. Runs right
 * after a call ends and on every scheduler tick (stragglers and retries).
 */
export async function runBillingTick(deps: BillingDeps): Promise<ReportSummary & { suspended: number }> {
  const report = await reportPendingOverage({
    db: deps.db,
    send: stripeMeterSender(deps),
    meterEventName: deps.config.catalogue.meterEventName,
    now: deps.now,
    log: deps.log,
  });
  const suspended = await deps.db.asService((tx) => suspendOverdueAccounts(tx, deps.now()));
  return { ...report, suspended };
}
