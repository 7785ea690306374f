import { describe, expect, it, vi } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { useBillingTestbed } from "../../tests/support/kit.ts";
import { billingBackground } from "../_shared/domain/billing/background.ts";
import { reportPendingOverage } from "../_shared/domain/billing/overage-reporter.ts";
import { runBillingTick, stripeMeterSender } from "../_shared/domain/billing/run-billing-tick.ts";
import { billingWhenConfigured } from "../_shared/wiring/billing.ts";
import { applyStatusCallback } from "../twilio/calls/status-callback.ts";

const testDb = useTestDatabase();
const bed = useBillingTestbed(testDb);

let callCounter = 0;
/** A call on the account's line that Twilio reports completed after `seconds`: metering writes its ledger row. */
async function completedCall(accountId: string, lineId: string, seconds: number) {
  callCounter += 1;
  const callSid = `CA${String(callCounter).padStart(32, "e")}`;
  await testDb.db.asService(async (tx) => {
    await tx`
      insert into ultaura_call_sessions (account_id, line_id, direction, status, twilio_call_sid, started_at)
      values (${accountId}, ${lineId}, 'inbound', 'in_progress', ${callSid}, now() - make_interval(secs => ${seconds}))`;
    await applyStatusCallback(tx, {
      callSid,
      status: "completed",
      sequence: 3,
      durationSeconds: seconds,
      answeredBy: null,
      sessionId: null,
    });
  });
  const [row] = await testDb.db.sql<
    { id: string; billable_minutes: number; overage_minutes: number; stripe_report_status: string }[]
  >`
    select l.id, l.billable_minutes, l.overage_minutes, l.stripe_report_status from ultaura_minute_ledger l
    join ultaura_call_sessions s on s.id = l.call_session_id where s.twilio_call_sid = ${callSid}`;
  return row;
}

const meterEventsFor = (customer: string) =>
  bed.sim.meterEvents().filter((e) => e.payload.stripe_customer_id === customer);

async function meterSummary(customer: string): Promise<number> {
  const [meter] = (await bed.deps.stripe.billing.meters.list()).data;
  const hour = Math.floor(Date.now() / 3_600_000) * 3600;
  const summaries = await bed.deps.stripe.billing.meters.listEventSummaries(meter?.id as string, {
    customer,
    start_time: hour - 86_400,
    end_time: hour + 7200,
  });
  return summaries.data[0]?.aggregated_value ?? 0;
}

const reporter = (overrides: Partial<Parameters<typeof reportPendingOverage>[0]> = {}) => ({
  db: testDb.db,
  send: stripeMeterSender(bed.deps),
  meterEventName: bed.deps.config.catalogue.meterEventName,
  now: bed.deps.now,
  log: bed.deps.log,
  ...overrides,
});

describe("overage reporting through Billing Meters", () => {
  it("the paid seed account at 195 of 200 talks 8 minutes: 5 included + 3 overage, exactly one meter event of 3", async () => {
    const row = await completedCall(SEED.accounts.paid, SEED.lines.paid, 8 * 60);
    expect(row).toMatchObject({ billable_minutes: 8, overage_minutes: 3, stripe_report_status: "pending" });

    expect(await runBillingTick(bed.deps)).toMatchObject({ reported: 1, retrying: 0, failed: 0 });
    expect(await runBillingTick(bed.deps)).toMatchObject({ reported: 0 });
    const events = meterEventsFor(SEED.stripe.paidCustomer);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload.value).toBe("3");
    expect(await meterSummary(SEED.stripe.paidCustomer)).toBe(3);
    const [marked] = await testDb.db.sql`
      select stripe_report_status, stripe_report_attempts from ultaura_minute_ledger where id = ${row?.id as string}`;
    expect(marked).toEqual({ stripe_report_status: "reported", stripe_report_attempts: 1 });
  });

  it("runs in the background right after a call ends, and on the scheduler's tick", async () => {
    const background = billingBackground(
      billingWhenConfigured(testDb.db, bed.env, bed.deps.log),
      bed.deps.log,
    );
    await completedCall(SEED.accounts.paid, SEED.lines.paid, 8 * 60);
    background.afterCallEnded();
    await vi.waitFor(() => expect(meterEventsFor(SEED.stripe.paidCustomer)).toHaveLength(1));

    await completedCall(SEED.accounts.paid, SEED.lines.paid, 2 * 60);
    await background.periodic.run(new Date());
    expect(meterEventsFor(SEED.stripe.paidCustomer).map((e) => e.payload.value)).toEqual(["3", "2"]);
  });

  it("a crash after Stripe accepted and before the row was marked never bills twice", async () => {
    const row = await completedCall(SEED.accounts.paid, SEED.lines.paid, 8 * 60);
    await expect(
      reportPendingOverage(
        reporter({
          afterAccepted: () => {
            throw new Error("process killed between Stripe's answer and the commit");
          },
        }),
      ),
    ).rejects.toThrow(/process killed/);
    expect(meterEventsFor(SEED.stripe.paidCustomer)).toHaveLength(1);
    const [pending] = await testDb.db
      .sql`select stripe_report_status from ultaura_minute_ledger where id = ${row?.id as string}`;
    expect(pending?.stripe_report_status).toBe("pending");

    expect(await reportPendingOverage(reporter())).toMatchObject({ reported: 1 });
    expect(meterEventsFor(SEED.stripe.paidCustomer)).toHaveLength(1);
    expect(await meterSummary(SEED.stripe.paidCustomer)).toBe(3);
  });

  it("tells the family once per cycle that the included minutes are used, however many calls go over", async () => {
    await completedCall(SEED.accounts.paid, SEED.lines.paid, 8 * 60);
    await completedCall(SEED.accounts.paid, SEED.lines.paid, 2 * 60);
    const notices = await testDb.asUser(
      SEED.users.paid.id,
      (tx) => tx`
      select kind from ultaura_billing_notices where account_id = ${SEED.accounts.paid}`,
    );
    expect(notices).toEqual([{ kind: "included_minutes_used" }]);
  });

  it("a pay-as-you-go call reports all its minutes", async () => {
    await testDb.db
      .sql`update ultaura_accounts set plan_id = 'payg', minutes_included = 0 where id = ${SEED.accounts.paid}`;
    const row = await completedCall(SEED.accounts.paid, SEED.lines.paid, 150);
    expect(row).toMatchObject({ billable_minutes: 3, overage_minutes: 3 });
    await runBillingTick(bed.deps);
    const events = meterEventsFor(SEED.stripe.paidCustomer);
    expect(events.map((e) => e.payload.value)).toEqual(["3"]);
    expect(events[0]?.identifier).toMatch(/^ultaura-ledger-/);
  });

  it("retries a refused report with backoff and marks it failed, with the error, after the last attempt", async () => {
    await testDb.db
      .sql`update ultaura_accounts set stripe_customer_id = 'cus_unknown_to_stripe' where id = ${SEED.accounts.paid}`;
    const row = await completedCall(SEED.accounts.paid, SEED.lines.paid, 8 * 60);
    let now = new Date();
    const deps = reporter({ maxAttempts: 3, now: () => now });
    expect(await reportPendingOverage(deps)).toMatchObject({ retrying: 1 });
    // Not due again until the backoff has passed.
    expect(await reportPendingOverage(deps)).toMatchObject({ retrying: 0, reported: 0, failed: 0 });
    now = new Date(now.getTime() + 31_000);
    expect(await reportPendingOverage(deps)).toMatchObject({ retrying: 1 });
    now = new Date(now.getTime() + 61_000);
    expect(await reportPendingOverage(deps)).toMatchObject({ failed: 1 });
    const [failed] = await testDb.db.sql`
      select stripe_report_status, stripe_report_attempts, stripe_last_error from ultaura_minute_ledger where id = ${row?.id as string}`;
    expect(failed).toMatchObject({ stripe_report_status: "failed", stripe_report_attempts: 3 });
    expect(failed?.stripe_last_error).toMatch(/No such customer/);
    expect(bed.sim.meterEvents()).toHaveLength(0);
  });
});
