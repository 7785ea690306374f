import { copyFor, type Language } from "../../_shared/domain/copy/index.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";
import { type AccountRow, asOwner } from "./accounts.ts";

/**
 * Sharing an account with a second family member. The owner gets a one-time token to pass on (there is
 * no mail service here); only its SHA-256 is stored. The invitee accepts while signed in with the invited
 * address (`ultaura_accept_invite` checks it against the JWT) and joins as a `member`.
 */
const INVITE_DAYS = 7;

export async function createInvite(tx: Tx, account: AccountRow, userId: string, email: string, now: Date) {
  const owned = asOwner(account, "invite_members");
  if (!owned.ok) return owned;
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
  const tokenHash = await sha256Hex(token);
  let invite: { id: string; expires_at: Date } | undefined;
  try {
    // Migration 0034 holds every invitation to 7 days from its row's creation (the transaction's clock);
    // 0044 caps the people an account holds. A savepoint keeps the transaction usable after a refusal.
    [invite] = (await tx.savepoint(
      (sp) => sp<{ id: string; expires_at: Date }[]>`
        insert into public.ultaura_account_invites (account_id, email, token_hash, invited_by, expires_at)
        values (${account.id}, ${email.toLowerCase()}, ${tokenHash}, ${userId},
          least(${expiresAt}::timestamptz, now() + make_interval(days => ${INVITE_DAYS})))
        returning id, expires_at`,
    )) as { id: string; expires_at: Date }[];
  } catch (error) {
    if (!isPeopleLimit(error)) throw error;
    return peopleLimitReached(tx);
  }
  if (!invite) throw new Error("invite insert returned nothing");
  return ok({
    id: invite.id,
    accountId: account.id,
    email: email.toLowerCase(),
    role: "member" as const,
    expiresAt: invite.expires_at.toISOString(),
    token,
  });
}

/** Joins the invite's account; any mismatch (unknown, used, expired, another address) is the same 404. */
export async function acceptInvite(tx: Tx, token: string): Promise<ApiOutcome<string>> {
  const hash = await sha256Hex(token);
  try {
    // A savepoint undoes the refused statement, so the refusal leaves the transaction usable and unwritten.
    const [row] = (await tx.savepoint(
      (sp) => sp<{ id: string }[]>`select public.ultaura_accept_invite(${hash}) as id`,
    )) as { id: string }[];
    if (!row) throw new Error("ultaura_accept_invite returned nothing");
    return ok(row.id);
  } catch (error) {
    if (error instanceof Error && error.message === "invite_invalid")
      return refused({ code: "invite_invalid" });
    if (isPeopleLimit(error)) return peopleLimitReached(tx);
    throw error;
  }
}

const isPeopleLimit = (error: unknown) => (error as { message?: string }).message === "people_limit_reached";

/** The refusal of 0044's cap, with the cap as the database owns it. */
async function peopleLimitReached(tx: Tx) {
  const [limit] = await tx<{ max: number }[]>`select public.ultaura_account_people_max() as max`;
  return refused({ code: "people_limit_reached", max: limit?.max ?? 0 } as const);
}

/** Who invites to which account, for the invitee only (ultaura_invite_details); else the same 404 as accepting. */
export async function previewInvite(tx: Tx, token: string, language: Language) {
  const [row] = await tx<{ account_name: string; inviter_email: string | null }[]>`
    select account_name, inviter_email from public.ultaura_invite_details(${await sha256Hex(token)})`;
  if (!row) return refused({ code: "invite_invalid" } as const);
  return ok({
    accountName: row.account_name,
    invitedBy: row.inviter_email,
    invitation: copyFor(language).invites.invitation(row.account_name, row.inviter_email),
  });
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_");
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
