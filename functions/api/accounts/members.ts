import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import { type AccountRow, asOwner } from "./accounts.ts";

/** The owner removes a member (or, with another owner left, themselves): migration 0035. */
export async function removeMember(tx: Tx, account: AccountRow, userId: string): Promise<ApiOutcome<void>> {
  const owner = asOwner(account, "invite_members");
  if (!owner.ok) return owner;
  let removed: { ok: boolean } | undefined;
  try {
    [removed] = await tx.savepoint(
      (sp) => sp<{ ok: boolean }[]>`select public.ultaura_remove_member(${account.id}, ${userId}) as ok`,
    );
  } catch (error) {
    if ((error as { message?: string }).message === "last_owner") return refused({ code: "last_owner" });
    throw error;
  }
  return removed?.ok ? ok() : refused({ code: "not_found", thing: "member" });
}

/** The owner withdraws an invitation not yet accepted (RLS lets only owners delete invites, 0014). */
export async function withdrawInvite(
  tx: Tx,
  account: AccountRow,
  inviteId: string,
): Promise<ApiOutcome<void>> {
  const owner = asOwner(account, "invite_members");
  if (!owner.ok) return owner;
  const rows = await tx`
    delete from public.ultaura_account_invites
    where id = ${inviteId} and account_id = ${account.id} and accepted_at is null returning id`;
  return rows.length > 0 ? ok() : refused({ code: "not_found", thing: "invite" });
}

/**
 * Who shares an account: its members with their e-mail addresses (through `ultaura_account_member_list`,
 * which answers only for accounts the caller belongs to) and the invitations still waiting to be accepted
 * (RLS shows invites to owners only, so a member's list of them is empty).
 */
export async function listMembers(tx: Tx, account: AccountRow, now: Date) {
  const members = await tx<
    { user_id: string; email: string | null; role: "owner" | "member"; joined_at: Date }[]
  >`select user_id, email, role, joined_at from public.ultaura_account_member_list(${account.id})`;
  const invites = await tx<{ id: string; email: string; created_at: Date; expires_at: Date }[]>`
    select id, email, created_at, expires_at from public.ultaura_account_invites
    where account_id = ${account.id} and accepted_at is null and expires_at > ${now}
    order by created_at, id`;
  return {
    items: members.map((m) => ({
      userId: m.user_id,
      email: m.email,
      role: m.role,
      joinedAt: m.joined_at.toISOString(),
    })),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      createdAt: i.created_at.toISOString(),
      expiresAt: i.expires_at.toISOString(),
    })),
  };
}
