import { describe, expect, it } from "vitest";
import { runBillingTick } from "../../functions/_shared/domain/billing/run-billing-tick.ts";
import { applyStatusCallback } from "../../functions/twilio/calls/status-callback.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../support/database.ts";
import { useBillingTestbed } from "../support/kit.ts";
import { schedulerHarness } from "../support/scheduler-harness.ts";
import { insertDueLines } from "../support/schedules.ts";

/**
 * Duplicated and reordered deliveries from Stripe and QStash (issue 23): Stripe retries a webhook until it
 * is acknowledged and never promises order; QStash delivers at least once. Nothing may be counted twice —
 * the ledger, the meter events sent to Stripe, the schedule runs, the family's notices.
 */
const testDb = useTestDatabase();
const bed = useBillingTestbed(testDb, { webhooks: true });

/** The paid seed account (195 of 200 minutes) talks 8 minutes: a ledger row with 3 overage minutes. */
async function overCall() {
  const callSid = `CA${crypto.randomUUID().replaceAll("-", "")}`;
  await testDb.db.asService(async (tx) => {
    await tx`
      insert into ultaura_call_sessions (account_id, line_id, direction, status, twilio_call_sid, started_at)
      values (${SEED.accounts.paid}, ${SEED.lines.paid}, 'inbound', 'in_progress', ${callSid}, now() - interval '8 minutes')`;
    await applyStatusCallback(tx, {
      callSid,
      status: "completed",
      sequence: 3,
      durationSeconds: 480,
      answeredBy: null,
      sessionId: null,
    });
  });
}

async function billingState() {
  const ledger = await testDb.db.sql`
    select call_session_id, billable_minutes, overage_minutes, stripe_report_status from ultaura_minute_ledger
    where account_id = ${SEED.accounts.paid} order by created_at`;
  const notices = await testDb.db.sql`
    select kind from ultaura_billing_notices where account_id = ${SEED.accounts.paid} order by created_at`;
  const [account] = await testDb.db.sql`
    select a.status, a.cycle_start, u.minutes_used from ultaura_accounts a
    join ultaura_account_usage u on u.account_id = a.id where a.id = ${SEED.accounts.paid}`;
  const meter = bed.sim
    .meterEvents()
    .filter((e) => e.payload.stripe_customer_id === SEED.stripe.paidCustomer)
    .map((e) => e.payload.value);
  return { ledger, notices: notices.map((n) => n.kind), account, meter };
}

describe("Stripe deliveries duplicated and reordered", () => {
  it("a failed and then a paid invoice, each delivered three times, at once and in reverse: no stale notice, one meter event", async () => {
    await overCall();
    // Two billing ticks at once (the scheduler's tick delivered twice) report the overage once.
    await Promise.all([runBillingTick(bed.deps), runBillingTick(bed.deps)]);
    const failed = bed.sim.state.paymentFailed(SEED.stripe.paidSubscription);
    const paid = bed.sim.state.invoicePaid(SEED.stripe.paidSubscription);
    const events = [...failed, ...paid];

    // Reversed (paid before failed), then each three times at once, then in order again.
    const reversed = await bed.sim.deliver([...events].reverse());
    expect(reversed.every((d) => d.status === 200)).toBe(true);
    const afterFirst = await billingState();
    const dup = await Promise.all([1, 2, 3].map(() => bed.sim.deliver(events)));
    expect(dup.flat().every((d) => d.status === 200)).toBe(true);
    await bed.sim.deliver(events);
    await runBillingTick(bed.deps);
    const after = await billingState();

    expect(after).toEqual(afterFirst);
    // The later successful payment wins however the failure arrives around it: no payment-failed notice
    // for a stale failure, and the minutes-used notice of the overage call only once.
    expect(after.account).toMatchObject({ status: "active" });
    expect(after.notices).toEqual(["included_minutes_used"]);
    expect(after.ledger.filter((row) => row.overage_minutes > 0)).toEqual([
      expect.objectContaining({ overage_minutes: 3, stripe_report_status: "reported" }),
    ]);
    expect(after.meter).toEqual(["3"]);
    const [stored] = await testDb.db.sql`
      select count(*)::int as n, count(*) filter (where processed_at is not null)::int as processed
      from ultaura_stripe_events`;
    expect(stored).toEqual({ n: events.length, processed: events.length });
  });
});

describe("QStash ticks duplicated and reordered", () => {
  it("the same tick twice at once, and an old one redelivered late, ring each due line once with one run each", async () => {
    const lineIds = await insertDueLines(testDb.db.sql, { count: 3, dueAt: new Date(Date.now() - 60_000) });
    const { tick, dialled } = schedulerHarness(testDb.db);
    const answers = await Promise.all([tick(), tick()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await tick(); // the first delivery again, after the others
    expect(dialled).toHaveLength(3);
    expect(new Set(dialled).size).toBe(3);
    const runs = await testDb.db.sql`
      select line_id, attempt, count(*)::int as n from ultaura_schedule_runs
      where line_id in ${testDb.db.sql(lineIds)} group by line_id, attempt`;
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.n === 1 && r.attempt === 0)).toBe(true);
    const [sessions] = await testDb.db.sql`
      select count(*)::int as n from ultaura_call_sessions where line_id in ${testDb.db.sql(lineIds)}`;
    expect(sessions?.n).toBe(3);
  });
});
