import type { BillingDeps } from "../../_shared/domain/billing/deps.ts";
import {
  type BillingInterval,
  type CheckoutPlanId,
  checkoutLineItems,
} from "../../_shared/domain/billing/prices.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { ApiOutcome } from "../refusals.ts";

interface AccountRow {
  id: string;
  stripe_customer_id: string | null;
}

async function loadAccount(deps: BillingDeps, accountId: string): Promise<ApiOutcome<AccountRow>> {
  const [account] = await deps.db.sql<AccountRow[]>`
    select id, stripe_customer_id from public.ultaura_accounts where id = ${accountId}`;
  return account ? ok(account) : refused({ code: "account_not_found" });
}

/**
 * The account's Stripe customer, created once. The idempotency key makes two simultaneous first checkouts
 * get the same customer from Stripe; the conditional update keeps the first one stored.
 */
async function ensureCustomer(deps: BillingDeps, account: AccountRow, email: string | null): Promise<string> {
  if (account.stripe_customer_id) return account.stripe_customer_id;
  const customer = await deps.stripe.customers.create(
    { ...(email ? { email } : {}), metadata: { account_id: account.id } },
    { idempotencyKey: `ultaura-customer-${account.id}` },
  );
  const [stored] = await deps.db.sql<{ stripe_customer_id: string }[]>`
    update public.ultaura_accounts set stripe_customer_id = coalesce(stripe_customer_id, ${customer.id})
    where id = ${account.id} returning stripe_customer_id`;
  return stored?.stripe_customer_id ?? customer.id;
}

/**
 * A hosted Checkout page for a subscription to `plan`: the account in metadata and client_reference_id,
 * the existing customer reused, the metered minutes price always included, success and cancel back to the
 * web app. An account with a running subscription changes plans in the billing portal instead.
 */
export async function startCheckout(
  deps: BillingDeps,
  input: { accountId: string; plan: CheckoutPlanId; interval: BillingInterval; email: string | null },
): Promise<ApiOutcome<{ url: string }>> {
  const found = await loadAccount(deps, input.accountId);
  if (!found.ok) return found;
  const account = found.value;
  const [running] = await deps.db.sql`
    select 1 from public.ultaura_subscriptions
    where account_id = ${account.id} and status in ('active', 'trialing', 'past_due')`;
  if (running) return refused({ code: "already_subscribed" });
  const customer = await ensureCustomer(deps, account, input.email);
  const metadata = { account_id: account.id, plan: input.plan, interval: input.interval };
  const web = deps.config.webAppUrl;
  const session = await deps.stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: account.id,
    line_items: checkoutLineItems(deps.config.catalogue, input.plan, input.interval),
    metadata,
    // Flexible billing mode lets an annual plan fee sit beside the monthly metered minutes price.
    subscription_data: { metadata, billing_mode: { type: "flexible" } },
    success_url: `${web}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${web}/billing?checkout=canceled`,
  });
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  deps.log.info("checkout started", { accountId: account.id, plan: input.plan, interval: input.interval });
  return ok({ url: session.url });
}

/** Stripe's customer portal (payment method, invoices, plan changes, cancellation) for the account. */
export async function openBillingPortal(
  deps: BillingDeps,
  accountId: string,
): Promise<ApiOutcome<{ url: string }>> {
  const account = await loadAccount(deps, accountId);
  if (!account.ok) return account;
  const customer = account.value.stripe_customer_id;
  if (!customer) return refused({ code: "no_billing_account" });
  const session = await deps.stripe.billingPortal.sessions.create({
    customer,
    return_url: `${deps.config.webAppUrl}/billing`,
  });
  return ok({ url: session.url });
}
