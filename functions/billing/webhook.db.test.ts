import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  BILLING_TEST_SECRET,
  phoneNumber,
  useBillingTestbed,
  useTestDatabase,
} from "../../tests/support/kit.ts";
import { suspendOverdueAccounts } from "../_shared/domain/billing/subscription-sync.ts";
import { startCheckout } from "../api/billing/checkout.ts";
import { orRefuse } from "../api/refusals.ts";

const testDb = useTestDatabase();
const bed = useBillingTestbed(testDb, { webhooks: true });

/** Everything billing writes about an account, to compare final states. */
async function accountState(accountId: string) {
  const [account] = await testDb.db.sql`
    select a.status, a.plan_id, a.minutes_included, a.cycle_start, a.cycle_end, a.stripe_customer_id,
      p.lines_included, u.minutes_used
    from ultaura_accounts a join ultaura_plans p on p.id = a.plan_id
    join ultaura_account_usage u on u.account_id = a.id
    where a.id = ${accountId}`;
  const subscriptions = await testDb.db.sql`
    select plan_id, billing_interval, stripe_subscription_id, status, current_period_start, current_period_end
    from ultaura_subscriptions where account_id = ${accountId} order by stripe_subscription_id`;
  return { account, subscriptions };
}

async function rowCounts() {
  const [row] = await testDb.db.sql`
    select (select count(*) from ultaura_stripe_events)::int as events,
      (select count(*) from ultaura_subscriptions)::int as subscriptions,
      (select count(*) from ultaura_billing_notices)::int as notices,
      (select string_agg(status || plan_id || minutes_included || cycle_start, ',' order by id) from ultaura_accounts) as accounts`;
  return row;
}

const post = (body: string, signature: string | null) =>
  fetch(bed.webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body,
  });

/** Opens a checkout for the demo trial account and pays it without delivering the webhooks. */
async function paidCheckoutEvents(plan: "care" | "comfort" | "family", interval: "month" | "year" = "month") {
  const { url } = orRefuse(
    await startCheckout(bed.deps, {
      accountId: SEED.accounts.demo,
      plan,
      interval,
      email: SEED.users.demo.email,
    }),
  );
  const sessionId = url.split("/").pop() as string;
  return bed.sim.state.completeCheckout(sessionId);
}

describe("POST /billing/webhook", () => {
  it("refuses a forged, stale or missing signature with 400 and writes nothing", async () => {
    const [event] = bed.sim.state.invoicePaid(SEED.stripe.paidSubscription);
    const payload = JSON.stringify(event);
    const before = await rowCounts();
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_guessed_by_attacker" });
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: BILLING_TEST_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const genuine = Stripe.webhooks.generateTestHeaderString({ payload, secret: BILLING_TEST_SECRET });
    for (const signature of [forged, stale, null]) {
      const response = await post(payload, signature);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_signature" } });
    }
    // The genuine signature over a tampered body is a forgery too.
    const tampered = await post(payload.replace(SEED.stripe.paidSubscription, "sub_attacker"), genuine);
    expect(tampered.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it("checkout → webhooks → the account is on the new plan with its minutes and line limit", async () => {
    const { url } = orRefuse(
      await startCheckout(bed.deps, {
        accountId: SEED.accounts.demo,
        plan: "comfort",
        interval: "month",
        email: SEED.users.demo.email,
      }),
    );
    expect(url).toMatch(new RegExp(`^${bed.sim.url}/checkout/cs_test_`));
    // The owner pays on the simulator's hosted page; it sends the signed webhooks to functions/billing.
    const paid = await fetch(url, {
      method: "POST",
      body: new URLSearchParams({ card: "4242 4242 4242 4242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toMatch(
      /^http:\/\/web\.test\/billing\?checkout=success&session_id=cs_test_/,
    );

    const { account, subscriptions } = await accountState(SEED.accounts.demo);
    expect(account).toMatchObject({
      status: "active",
      plan_id: "comfort",
      minutes_included: 600,
      lines_included: 2,
      minutes_used: 0,
    });
    expect(account?.stripe_customer_id).toMatch(/^cus_/);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]).toMatchObject({
      plan_id: "comfort",
      billing_interval: "month",
      status: "active",
    });
    expect(account?.cycle_start).toEqual(subscriptions[0]?.current_period_start);
    const processed = await testDb.db
      .sql`select type from ultaura_stripe_events where processed_at is not null`;
    expect(processed.map((e) => e.type).sort()).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);
  });

  it("a second checkout while subscribed is refused (plan changes go through the portal)", async () => {
    expect(
      await startCheckout(bed.deps, {
        accountId: SEED.accounts.paid,
        plan: "family",
        interval: "year",
        email: null,
      }),
    ).toEqual({ ok: false, refusal: { code: "already_subscribed" } });
  });

  it("the same events three times, and in reverse order, leave the same final state", async () => {
    const events = await paidCheckoutEvents("family", "year");
    const reversed = await bed.sim.deliver([...events].reverse());
    expect(reversed.map((d) => d.status)).toEqual([200, 200, 200]);
    const afterReverse = await accountState(SEED.accounts.demo);
    expect(afterReverse.account).toMatchObject({
      status: "active",
      plan_id: "family",
      minutes_included: 1200,
      lines_included: 4,
    });

    for (let i = 0; i < 3; i++) await bed.sim.deliver(events);
    expect(await accountState(SEED.accounts.demo)).toEqual(afterReverse);
    const [counted] = await testDb.db.sql`select count(*)::int as n from ultaura_stripe_events`;
    expect(counted?.n).toBe(3);

    // Forward order on a fresh database reaches the same state.
    await testDb.resetData();
    const again = await paidCheckoutEvents("family", "year");
    await bed.sim.deliver(again);
    const forward = await accountState(SEED.accounts.demo);
    // A new subscription, so its own period: compare everything else, and the cycle against its period.
    const fields = ["status", "plan_id", "minutes_included", "lines_included", "minutes_used"] as const;
    for (const field of fields) expect(forward.account?.[field]).toEqual(afterReverse.account?.[field]);
    expect(forward.account?.cycle_start).toEqual(forward.subscriptions[0]?.current_period_start);
  });

  it("an annual plan still gives its minutes per month: the cycle follows the monthly metered item", async () => {
    const events = await paidCheckoutEvents("care", "year");
    await bed.sim.deliver(events);
    const first = await accountState(SEED.accounts.demo);
    const days = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 86_400_000);
    const subscription = first.subscriptions[0];
    expect(days(subscription?.current_period_start, subscription?.current_period_end)).toBeGreaterThanOrEqual(
      365,
    );
    expect(days(first.account?.cycle_start, first.account?.cycle_end)).toBeLessThanOrEqual(31);

    const session = events[0]?.data.object as { subscription: string } | undefined;
    const subscriptionId = session?.subscription as string;
    await bed.sim.invoicePaid(subscriptionId);
    const next = await accountState(SEED.accounts.demo);
    expect(next.account?.cycle_start).toEqual(first.account?.cycle_end);
    expect(next.subscriptions[0]?.current_period_end).toEqual(subscription?.current_period_end);
  });

  it("the same event delivered three times at once is processed once", async () => {
    const events = bed.sim.state.invoicePaid(SEED.stripe.paidSubscription);
    const invoicePaid = events[0];
    if (!invoicePaid) throw new Error("the simulator made no event");
    const answers = await Promise.all([1, 2, 3].map(() => bed.sim.deliver([invoicePaid])));
    expect(answers.flat().map((d) => d.status)).toEqual([200, 200, 200]);
    const rows = await testDb.db
      .sql`select id, processed_at is not null as processed from ultaura_stripe_events`;
    expect(rows).toEqual([{ id: invoicePaid.id, processed: true }]);
  });

  it("a cancelled subscription stops the account; nothing is deleted", async () => {
    await bed.sim.deliver(bed.sim.state.cancel(SEED.stripe.paidSubscription));
    const { account, subscriptions } = await accountState(SEED.accounts.paid);
    expect(account).toMatchObject({ status: "canceled", plan_id: "care" });
    expect(subscriptions[0]).toMatchObject({ status: "canceled" });
    const lines = await testDb.db
      .sql`select count(*)::int as n from ultaura_lines where account_id = ${SEED.accounts.paid}`;
    expect(lines[0]?.n).toBe(1);
  });

  it("a failed payment delivered after the later successful one leaves the account active", async () => {
    const failed = bed.sim.state.paymentFailed(SEED.stripe.paidSubscription);
    const paid = bed.sim.state.invoicePaid(SEED.stripe.paidSubscription);
    await bed.sim.deliver([...paid, ...failed]);
    const { account } = await accountState(SEED.accounts.paid);
    expect(account).toMatchObject({ status: "active", plan_id: "care" });
    const notices = await testDb.db
      .sql`select kind from ultaura_billing_notices where account_id = ${SEED.accounts.paid}`;
    expect(notices).toEqual([]);
  });

  it("invoice paid starts a new cycle: dates move on and the included minutes are whole again", async () => {
    const before = await accountState(SEED.accounts.paid);
    expect(before.account?.minutes_used).toBe(195);
    const deliveries = await bed.sim.invoicePaid(SEED.accounts.paid);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const after = await accountState(SEED.accounts.paid);
    // The new cycle starts where Stripe's previous period ended.
    const item = bed.sim.state.subscription(SEED.stripe.paidSubscription).items.data[0];
    expect(after.account?.cycle_start).toEqual(new Date((item?.current_period_start ?? 0) * 1000));
    expect(after.account?.cycle_start.getTime()).toBeGreaterThan(before.account?.cycle_start.getTime());
    expect(after.account?.minutes_used).toBe(0);
    expect(after.account).toMatchObject({ status: "active", plan_id: "care", minutes_included: 200 });
  });

  it("payment failed: past due with calls kept, the family told; suspended after 7 days", async () => {
    await bed.sim.paymentFailed(SEED.accounts.paid);
    expect((await accountState(SEED.accounts.paid)).account?.status).toBe("past_due");
    const notices = () =>
      testDb.db
        .sql`select kind from ultaura_billing_notices where account_id = ${SEED.accounts.paid} order by created_at`;
    expect((await notices()).map((n) => n.kind)).toEqual(["payment_failed"]);

    const sixDays = new Date(Date.now() + 6 * 86_400_000);
    expect(await testDb.db.asService((tx) => suspendOverdueAccounts(tx, sixDays))).toBe(0);
    const eightDays = new Date(Date.now() + 8 * 86_400_000);
    expect(await testDb.db.asService((tx) => suspendOverdueAccounts(tx, eightDays))).toBe(1);
    expect((await accountState(SEED.accounts.paid)).account?.status).toBe("suspended");
    expect((await notices()).map((n) => n.kind)).toEqual(["payment_failed", "account_suspended"]);

    // Paying again brings the account back.
    await bed.sim.invoicePaid(SEED.accounts.paid);
    expect((await accountState(SEED.accounts.paid)).account?.status).toBe("active");
  });

  it("a downgrade below the lines in use pauses nothing and asks the owner which lines to pause", async () => {
    const events = await paidCheckoutEvents("comfort");
    await bed.sim.deliver(events);
    const secondLine = await testDb.asUser(
      SEED.users.demo.id,
      (tx) => tx`
      insert into ultaura_lines (account_id, display_name, phone_e164, timezone)
      values (${SEED.accounts.demo}, 'Arthur', ${phoneNumber()}, 'America/New_York') returning id`,
    );
    const subscription = events[0]?.data.object as { subscription: string };
    await bed.sim.changePrice(subscription.subscription, bed.deps.config.catalogue.plans.care.month);

    const { account } = await accountState(SEED.accounts.demo);
    expect(account).toMatchObject({ plan_id: "care", minutes_included: 200, lines_included: 1 });
    const lines = await testDb.db
      .sql`select status from ultaura_lines where account_id = ${SEED.accounts.demo}`;
    expect(lines.map((l) => l.status)).toEqual(["active", "active"]);
    const [notice] = await testDb.asUser(
      SEED.users.demo.id,
      (tx) => tx`
      select kind, details from ultaura_billing_notices where account_id = ${SEED.accounts.demo}`,
    );
    expect(notice).toMatchObject({
      kind: "lines_over_plan",
      details: { lines_in_use: 2, lines_included: 1 },
    });

    const active = await testDb.asUser(
      SEED.users.demo.id,
      (tx) => tx`
      select ultaura_pause_lines(${SEED.accounts.demo}, ${[secondLine[0]?.id as string]}::uuid[]) as active`,
    );
    expect(active[0]?.active).toBe(1);
  });
});
