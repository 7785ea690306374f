import type { Sql } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { hashRefreshToken, newRefreshToken } from "./tokens.ts";
import type { UserRow } from "./user-row.ts";

/**
 * The one-time links GoTrue e-mails: `signup` confirms an address, `recovery` signs the user in to choose
 * a new password. Stored as SHA-256 hashes, valid for an hour, spent once (Supabase's defaults).
 */
export type LinkKind = "signup" | "recovery";
const VALID_SECONDS = 3600;

export async function ensureEmailLinkTable(sql: Sql): Promise<void> {
  await sql.unsafe(`
    create table if not exists auth.local_email_links (
      token_hash text primary key,
      user_id uuid not null references auth.users (id) on delete cascade,
      kind text not null check (kind in ('signup', 'recovery')),
      redirect_to text not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    revoke all on auth.local_email_links from anon, authenticated;`);
}

export async function createEmailLink(sql: Sql, userId: string, kind: LinkKind, redirectTo: string) {
  const token = newRefreshToken();
  await sql`
    insert into auth.local_email_links (token_hash, user_id, kind, redirect_to, expires_at)
    values (${await hashRefreshToken(token)}, ${userId}, ${kind}, ${redirectTo},
            now() + make_interval(secs => ${VALID_SECONDS}))`;
  return token;
}

export type SpentLink = { ok: true; userId: string; redirectTo: string } | { ok: false; redirectTo?: string };

/** Spends a link once; a `signup` or `recovery` link also confirms the address (the e-mail reached them). */
export async function spendEmailLink(sql: Sql, token: string, kind: LinkKind): Promise<SpentLink> {
  const hash = await hashRefreshToken(token);
  return sql.begin(async (tx) => {
    const [link] = await tx<{ user_id: string; redirect_to: string; fresh: boolean; kind: string }[]>`
      select user_id, redirect_to, kind, (used_at is null and expires_at > now()) as fresh
      from auth.local_email_links where token_hash = ${hash} for update`;
    if (!link) return { ok: false } as const;
    if (!link.fresh || link.kind !== kind) return { ok: false, redirectTo: link.redirect_to } as const;
    await tx`update auth.local_email_links set used_at = now() where token_hash = ${hash}`;
    await tx`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
             where id = ${link.user_id}`;
    return { ok: true, userId: link.user_id, redirectTo: link.redirect_to } as const;
  }) as Promise<SpentLink>;
}

/** Where the local Auth server's e-mails go: the mail catcher (simulators/mail), or the log without one. */
export type Mailer = (message: { to: string; subject: string; text: string }) => Promise<void>;

export function mailCatcher(url: string): Mailer {
  return async (message) => {
    const response = await fetch(`${url.replace(/\/$/, "")}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`mail catcher refused the message: ${response.status}`);
  };
}

export function linkEmail(kind: LinkKind, link: string): { subject: string; text: string } {
  return kind === "signup"
    ? {
        subject: "Confirm your e-mail for Ultaura",
        text: `Welcome to Ultaura.\n\nConfirm your e-mail address to finish creating your account:\n${link}\n\nThe link works once, for an hour. If you did not sign up, ignore this e-mail.`,
      }
    : {
        subject: "Reset your Ultaura password",
        text: `Someone asked to reset the password of your Ultaura account.\n\nChoose a new password here:\n${link}\n\nThe link works once, for an hour. If it was not you, ignore this e-mail: your password stays as it is.`,
      };
}

/** GoTrue's redirect allow-list: a `redirect_to` on an allowed origin, otherwise the site URL. */
export function redirectAllowList(allowed: ReadonlySet<string>, siteUrl: string) {
  return (requested: string | undefined): string => {
    try {
      if (requested && allowed.has(new URL(requested).origin)) return requested;
    } catch {}
    return siteUrl;
  };
}

/**
 * Stores a link for `user` and e-mails it (to the mail catcher; without one, only to the log). The server's
 * `apiUrl` is read at each send: a server may learn its own URL only after it is built.
 */
export function createLinkSender(sql: Sql, log: Logger, server: { apiUrl: string; mailer?: Mailer }) {
  return async (user: UserRow, kind: LinkKind, redirectTo: string): Promise<void> => {
    const token = await createEmailLink(sql, user.id, kind, redirectTo);
    const link = `${server.apiUrl}/auth/v1/verify?token=${token}&type=${kind}&redirect_to=${encodeURIComponent(redirectTo)}`;
    const mailer = server.mailer;
    if (!mailer) {
      log.warn("local auth: no mail catcher; the e-mailed link is only in this log", { kind, link });
      return;
    }
    await mailer({ to: user.email, ...linkEmail(kind, link) });
  };
}
