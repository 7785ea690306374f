import type { BillingDeps } from "../../_shared/domain/billing/deps.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { JwtClaims, Tx } from "../../_shared/platform/db.ts";
import { allFamilyMemories } from "../activity/memories.ts";
import { availableBilling } from "../billing/deps.ts";
import type { ApiServices } from "../env.ts";
import type { ApiOutcome } from "../refusals.ts";
import { type AccountRow, accountJson, asOwner, resolveAccount } from "./accounts.ts";
import { listMembers } from "./members.ts";

/**
 * The family's own copy of what we hold (`GET /api/account/export`) and closing the account
 * (`DELETE /api/account`). Both are the owner's alone. The export reads as the caller, so RLS decides
 * what is in it exactly as it decides what the web app shows; private memories are hidden by RLS and
 * health notes are left out here.
 */
type Rows = Record<string, unknown>[];

/** Each table the export reads whole, as the family may see it, oldest first. */
const EXPORTED_TABLES = {
  lines: "ultaura_lines",
  schedules: "ultaura_schedules",
  contacts: "ultaura_trusted_contacts",
  calls: "ultaura_call_sessions",
  minutes: "ultaura_minute_ledger",
  alerts: "ultaura_safety_events",
  consents: "ultaura_consents",
  optOuts: "ultaura_opt_outs",
} as const;

type ExportedTable = keyof typeof EXPORTED_TABLES;

async function tableRows(tx: Tx, table: string, accountId: string): Promise<Rows> {
  const [row] = await tx<{ rows: Rows }[]>`
    select coalesce(jsonb_agg(to_jsonb(t) order by t.created_at, t.id), '[]'::jsonb) as rows
    from ${tx(`public.${table}`)} t where t.account_id = ${accountId}`;
  return row?.rows ?? [];
}

export async function exportAccount(services: ApiServices, claims: JwtClaims, requested?: string) {
  const read = await services.db.asUser(claims, async (tx) => {
    const found = await resolveAccount(tx, claims.sub, requested);
    const owned = found.ok ? asOwner(found.value, "export_data") : found;
    if (!owned.ok) return owned;
    const account = owned.value;
    const tables = {} as Record<ExportedTable, Rows>;
    for (const [key, table] of Object.entries(EXPORTED_TABLES)) {
      tables[key as ExportedTable] = await tableRows(tx, table, account.id);
    }
    return ok({ account, members: await listMembers(tx, account, services.now()), tables });
  });
  if (!read.ok) return read;
  const { account, members, tables } = read.value;
  const keyring = await services.keyring;
  const memories = [];
  for (const line of tables.lines) {
    const shown = await allFamilyMemories(services.db, keyring, claims, String(line.id));
    if (!shown.ok) return shown;
    memories.push(...shown.value.filter((memory) => memory.kind !== "health_note"));
  }
  return ok({
    exportedAt: services.now().toISOString(),
    account: accountJson(account),
    members: members.items,
    ...tables,
    memories,
  });
}

/** What a closed account leaves behind, as the API reports it. */
export interface ClosedAccount {
  accountId: string;
  closedAt: string;
  subscriptionsCancelled: string[];
  kept: {
    consents: number;
    optOuts: number;
    ledgerTotals: {
      calls: number;
      secondsConnected: number;
      billableMinutes: number;
      overageMinutes: number;
    };
  };
}

/** Stripe statuses a subscription can still bill from; the others need no cancelling. */
const LIVE_SUBSCRIPTION = ["incomplete", "trialing", "active", "past_due", "unpaid", "paused"];

export async function closeAccount(
  services: ApiServices,
  claims: JwtClaims,
  requested?: string,
): Promise<ApiOutcome<ClosedAccount>> {
  const owned = await services.db.asUser(claims, async (tx) => {
    const found = await resolveAccount(tx, claims.sub, requested);
    return found.ok ? asOwner(found.value, "close_account") : found;
  });
  if (!owned.ok) return owned;
  const account = owned.value;
  const subscriptionsCancelled = await cancelSubscriptions(services, account);
  if (!subscriptionsCancelled.ok) return subscriptionsCancelled;
  const closed = await services.db.asService((tx) => deleteAccountData(tx, account.id, services.now()));
  if (!closed.ok) return closed;
  services.log.info("account closed", {
    accountId: account.id,
    subscriptionsCancelled: subscriptionsCancelled.value,
  });
  return ok({ ...closed.value, subscriptionsCancelled: subscriptionsCancelled.value });
}

/** Cancels at Stripe first: if Stripe cannot be reached, nothing has been deleted and the owner may retry. */
async function cancelSubscriptions(
  services: ApiServices,
  account: AccountRow,
): Promise<ApiOutcome<string[]>> {
  const live = await services.db.asService(
    (tx) => tx<{ stripe_subscription_id: string }[]>`
      select stripe_subscription_id from public.ultaura_subscriptions
      where account_id = ${account.id} and status = any(${LIVE_SUBSCRIPTION})`,
  );
  if (live.length === 0) return ok([]);
  const available = availableBilling(services.billing);
  if (!available.ok) return available;
  const billing: BillingDeps = available.value;
  const cancelled: string[] = [];
  for (const { stripe_subscription_id: id } of live) {
    try {
      await billing.stripe.subscriptions.cancel(id);
    } catch (error) {
      services.log.error("stripe subscription cancel failed", {
        accountId: account.id,
        error: String(error),
      });
      return refused({ code: "billing_unavailable" });
    }
    cancelled.push(id);
  }
  return ok(cancelled);
}

async function deleteAccountData(
  tx: Tx,
  accountId: string,
  now: Date,
): Promise<ApiOutcome<Omit<ClosedAccount, "subscriptionsCancelled">>> {
  // Locks the account so a call being metered right now lands in the totals or not at all.
  const [locked] = await tx<{ stripe_customer_id: string | null }[]>`
    select stripe_customer_id from public.ultaura_accounts where id = ${accountId} for update`;
  if (!locked) return refused({ code: "not_found", thing: "account" });
  const [totals] = await tx<
    {
      calls: number;
      seconds: string;
      billable: number;
      overage: number;
      first: Date | null;
      last: Date | null;
    }[]
  >`
    select count(*)::int as calls, coalesce(sum(seconds_connected), 0)::bigint as seconds,
      coalesce(sum(billable_minutes), 0)::int as billable, coalesce(sum(overage_minutes), 0)::int as overage,
      min(created_at) as first, max(created_at) as last
    from public.ultaura_minute_ledger where account_id = ${accountId}`;
  if (!totals) throw new Error("ledger totals returned nothing");
  await tx`
    insert into public.ultaura_closed_accounts
      (account_id, closed_at, stripe_customer_id, calls, seconds_connected, billable_minutes, overage_minutes,
       first_call_at, last_call_at)
    values (${accountId}, ${now}, ${locked.stripe_customer_id}, ${totals.calls}, ${totals.seconds},
      ${totals.billable}, ${totals.overage}, ${totals.first}, ${totals.last})
    on conflict (account_id) do nothing`;
  const [kept] = await tx<{ consents: number; opt_outs: number }[]>`
    select (select count(*)::int from public.ultaura_consents where account_id = ${accountId}) as consents,
      (select count(*)::int from public.ultaura_opt_outs where account_id = ${accountId}) as opt_outs`;
  // Lines first, so their consents and opt-outs keep their numbers and lose only the line; then the
  // records are released from the account before it goes (0033).
  await tx`delete from public.ultaura_lines where account_id = ${accountId}`;
  await tx`update public.ultaura_consents set account_id = null, trusted_contact_id = null where account_id = ${accountId}`;
  await tx`update public.ultaura_opt_outs set account_id = null where account_id = ${accountId}`;
  await tx`delete from public.ultaura_accounts where id = ${accountId}`;
  return ok({
    accountId,
    closedAt: now.toISOString(),
    kept: {
      consents: kept?.consents ?? 0,
      optOuts: kept?.opt_outs ?? 0,
      ledgerTotals: {
        calls: totals.calls,
        secondsConnected: Number(totals.seconds),
        billableMinutes: totals.billable,
        overageMinutes: totals.overage,
      },
    },
  });
}
