import type { OwnerAction } from "../../_shared/domain/copy/types.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { JwtClaims, Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import type { AccountStatus } from "../schemas.ts";

/**
 * Accounts as the signed-in family member sees them. Every function takes a transaction opened as the
 * caller (role `authenticated`), so RLS hides accounts the caller is not a member of: "not yours" and
 * "does not exist" are the same 404.
 */
export interface AccountRow {
  id: string;
  name: string;
  role: "owner" | "member";
  status: AccountStatus;
  plan_id: string;
  plan_name: string;
  minutes_included: number;
  lines_included: number;
  cycle_start: Date;
  cycle_end: Date | null;
  created_at: Date;
}

export async function listMyAccounts(tx: Tx, userId: string): Promise<AccountRow[]> {
  return tx<AccountRow[]>`
    select a.id, a.name, m.role, a.status, a.plan_id, p.name as plan_name, a.minutes_included,
      p.lines_included, a.cycle_start, a.cycle_end, a.created_at
    from public.ultaura_accounts a
    join public.ultaura_account_members m on m.account_id = a.id and m.user_id = ${userId}
    join public.ultaura_plans p on p.id = a.plan_id
    order by (m.role = 'owner') desc, a.created_at, a.id`;
}

/**
 * The account a request is about: the one named (if the caller belongs to it), else the caller's own,
 * else the first they were invited to.
 */
export async function resolveAccount(
  tx: Tx,
  userId: string,
  requested?: string,
): Promise<ApiOutcome<AccountRow>> {
  const accounts = await listMyAccounts(tx, userId);
  const account = requested ? accounts.find((a) => a.id === requested) : accounts[0];
  if (account) return ok(account);
  return refused(requested ? { code: "not_found", thing: "account" } : { code: "no_account" });
}

/** The sign-up step: a trial account owned by the caller (one owned account per user). */
export async function createTrialAccount(
  tx: Tx,
  claims: JwtClaims,
  name: string,
): Promise<ApiOutcome<AccountRow>> {
  const existing = (await listMyAccounts(tx, claims.sub)).find((a) => a.role === "owner");
  if (existing) return refused({ code: "account_exists" });
  let created: { id: string } | undefined;
  try {
    // A savepoint undoes the refused statement, so the refusal leaves the transaction usable and unwritten.
    [created] = (await tx.savepoint(
      (sp) => sp<{ id: string }[]>`select public.ultaura_create_account(${name}) as id`,
    )) as { id: string }[];
  } catch (error) {
    // Two sign-up requests at once: the one-owned-account index lets one through.
    const pg = error as { code?: string; message?: string };
    if (pg.code === "23505" || pg.message === "account_already_exists")
      return refused({ code: "account_exists" });
    throw error;
  }
  if (!created) throw new Error("ultaura_create_account returned nothing");
  return resolveAccount(tx, claims.sub, created.id);
}

export async function renameAccount(
  tx: Tx,
  userId: string,
  accountId: string,
  name: string,
): Promise<ApiOutcome<AccountRow>> {
  const rows =
    await tx`update public.ultaura_accounts set name = ${name} where id = ${accountId} returning id`;
  if (rows.length === 0) return refused({ code: "not_found", thing: "account" });
  return resolveAccount(tx, userId, accountId);
}

export function accountJson(row: AccountRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.status,
    planId: row.plan_id,
    planName: row.plan_name,
    minutesIncluded: row.minutes_included,
    linesIncluded: row.lines_included,
    cycleStart: row.cycle_start.toISOString(),
    cycleEnd: row.cycle_end?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Owners only: billing, membership, re-enabling calls. The account, if the caller owns it. */
export function asOwner(account: AccountRow, action: OwnerAction): ApiOutcome<AccountRow> {
  return account.role === "owner" ? ok(account) : refused({ code: "owner_only", action });
}
