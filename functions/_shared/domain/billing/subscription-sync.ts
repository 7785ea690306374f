import type { Tx } from "../../platform/db.ts";
import type { StripeSubscription } from "../../platform/stripe-client.ts";
import { type PriceCatalogue, planOfPrice } from "./prices.ts";

/** Days a past-due account keeps its calls before it is suspended. */
export const GRACE_DAYS = 7;

export type SyncOutcome =
  | { kind: "unknown_account"; subscriptionId: string }
  | { kind: "unknown_price"; subscriptionId: string }
  | { kind: "applied"; accountId: string; accountStatus: string; planId: string };

type AccountStatus = "trial" | "active" | "past_due" | "suspended" | "canceled";

interface AccountRow {
  id: string;
  status: AccountStatus;
  stripe_customer_id: string | null;
  past_due_since: Date | null;
}

/**
 * Makes our records match a subscription as Stripe has it now. Handlers call this with the subscription
 * they just fetched, never with an event's copy, so redelivered and out-of-order events converge on the
 * same state. A plan change applies its minutes and line limit at once; a new period is a new cycle (the
 * ledger counts per cycle start, so included minutes start again); past due keeps calls for the grace
 * period, then suspends; a cancelled subscription stops the account unless another one is running.
 */
export async function syncSubscription(
  tx: Tx,
  catalogue: PriceCatalogue,
  subscription: StripeSubscription,
  now: Date,
): Promise<SyncOutcome> {
  const customerId =
    typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id;
  const account = await findAccount(tx, subscription.metadata?.account_id, customerId);
  if (!account) return { kind: "unknown_account", subscriptionId: subscription.id };

  const items = subscription.items.data;
  const licensed = items
    .map((item) => ({ item, plan: planOfPrice(catalogue, item.price.id) }))
    .find((x) => x.plan);
  const meteredOnly = !licensed && items.some((item) => item.price.id === catalogue.overage);
  if (!licensed && !meteredOnly) return { kind: "unknown_price", subscriptionId: subscription.id };
  const planId = licensed?.plan?.plan ?? "payg";
  const interval = licensed?.plan?.interval ?? "month";
  // Minutes run on monthly cycles, as the metered item is billed, even under an annual plan fee (flexible
  // billing mode: items renew on their own intervals). The plan's own period is kept on the subscription row.
  const metered = items.find((item) => item.price.id === catalogue.overage);
  const cycleItem = metered ?? licensed?.item ?? items[0];
  const planItem = licensed?.item ?? cycleItem;
  const periodStart = new Date((cycleItem?.current_period_start ?? 0) * 1000);
  const periodEnd = new Date((cycleItem?.current_period_end ?? 0) * 1000);
  const planPeriodStart = new Date((planItem?.current_period_start ?? 0) * 1000);
  const planPeriodEnd = new Date((planItem?.current_period_end ?? 0) * 1000);

  await tx`
    insert into public.ultaura_subscriptions
      (account_id, plan_id, billing_interval, stripe_subscription_id, stripe_price_id, status,
       current_period_start, current_period_end, cancel_at_period_end, stripe_event_created_at)
    values (${account.id}, ${planId}, ${interval}, ${subscription.id}, ${licensed?.item.price.id ?? catalogue.overage},
      ${subscription.status}, ${planPeriodStart}, ${planPeriodEnd}, ${subscription.cancel_at_period_end}, ${now})
    on conflict (stripe_subscription_id) do update set
      plan_id = excluded.plan_id, billing_interval = excluded.billing_interval,
      stripe_price_id = excluded.stripe_price_id, status = excluded.status,
      current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
      cancel_at_period_end = excluded.cancel_at_period_end, stripe_event_created_at = excluded.stripe_event_created_at`;
  if (!account.stripe_customer_id) {
    await tx`update public.ultaura_accounts set stripe_customer_id = ${customerId} where id = ${account.id}`;
  }

  const status = subscription.status as string;
  if (status === "active" || status === "trialing" || status === "past_due" || status === "unpaid") {
    const next = nextStatus(status, account.past_due_since, now);
    await tx`
      update public.ultaura_accounts a set
        status = ${next.status},
        past_due_since = ${next.pastDueSince},
        plan_id = ${planId},
        minutes_included = p.minutes_included,
        cycle_start = ${periodStart},
        cycle_end = ${periodEnd}
      from public.ultaura_plans p
      where a.id = ${account.id} and p.id = ${planId}`;
    if (next.status === "past_due")
      await notice(tx, account.id, "payment_failed", next.pastDueSince as Date, {});
    if (next.status === "suspended")
      await notice(tx, account.id, "account_suspended", next.pastDueSince ?? periodStart, {});
    await noticeLinesOverPlan(tx, account.id, planId, periodStart);
    return { kind: "applied", accountId: account.id, accountStatus: next.status, planId };
  }
  if (status === "canceled" || status === "incomplete_expired") {
    const [running] = await tx`
      select 1 from public.ultaura_subscriptions
      where account_id = ${account.id} and stripe_subscription_id <> ${subscription.id}
        and status in ('active', 'trialing', 'past_due')`;
    if (!running) {
      await tx`update public.ultaura_accounts set status = 'canceled', past_due_since = null where id = ${account.id}`;
      return { kind: "applied", accountId: account.id, accountStatus: "canceled", planId };
    }
  }
  // incomplete, paused, or a cancelled subscription that another one replaced: the account stays as it is.
  return { kind: "applied", accountId: account.id, accountStatus: account.status, planId };
}

function nextStatus(
  status: "active" | "trialing" | "past_due" | "unpaid",
  pastDueSince: Date | null,
  now: Date,
): { status: AccountStatus; pastDueSince: Date | null } {
  if (status === "active" || status === "trialing") return { status: "active", pastDueSince: null };
  const since = pastDueSince ?? now;
  if (status === "unpaid") return { status: "suspended", pastDueSince: since };
  const overdue = now.getTime() - since.getTime() >= GRACE_DAYS * 86_400_000;
  return { status: overdue ? "suspended" : "past_due", pastDueSince: since };
}

async function findAccount(
  tx: Tx,
  accountId: string | undefined,
  customerId: string,
): Promise<AccountRow | null> {
  const uuid = accountId && /^[0-9a-f-]{36}$/i.test(accountId) ? accountId : null;
  const [row] = await tx<AccountRow[]>`
    select id, status, stripe_customer_id, past_due_since from public.ultaura_accounts
    where (id = ${uuid} and (stripe_customer_id is null or stripe_customer_id = ${customerId}))
       or stripe_customer_id = ${customerId}
    order by (stripe_customer_id = ${customerId}) desc nulls last
    limit 1
    for update`;
  return row ?? null;
}

export async function notice(
  tx: Tx,
  accountId: string,
  kind: "payment_failed" | "account_suspended" | "lines_over_plan",
  cycleStart: Date,
  details: Record<string, unknown>,
): Promise<void> {
  await tx`
    insert into public.ultaura_billing_notices (account_id, kind, cycle_start, details)
    values (${accountId}, ${kind}, ${cycleStart}, ${tx.json(details as never)})
    on conflict (account_id, kind, cycle_start) do update set details = excluded.details`;
}

/** A downgrade below the lines in use deletes nothing: the owner is asked which lines to pause. */
async function noticeLinesOverPlan(
  tx: Tx,
  accountId: string,
  planId: string,
  cycleStart: Date,
): Promise<void> {
  const [row] = await tx<{ active: number; included: number }[]>`
    select (select count(*) from public.ultaura_lines l where l.account_id = ${accountId} and l.status = 'active')::integer as active,
      p.lines_included as included
    from public.ultaura_plans p where p.id = ${planId}`;
  if (row && row.active > row.included) {
    await notice(tx, accountId, "lines_over_plan", cycleStart, {
      plan_id: planId,
      lines_in_use: row.active,
      lines_included: row.included,
    });
  }
}

/** Past-due accounts whose grace period is over become suspended, and the family is told. */
export async function suspendOverdueAccounts(tx: Tx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - GRACE_DAYS * 86_400_000);
  const suspended = await tx<{ id: string; past_due_since: Date }[]>`
    update public.ultaura_accounts set status = 'suspended'
    where status = 'past_due' and past_due_since <= ${cutoff}
    returning id, past_due_since`;
  for (const account of suspended)
    await notice(tx, account.id, "account_suspended", account.past_due_since, {});
  return suspended.length;
}
