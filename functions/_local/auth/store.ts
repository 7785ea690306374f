import type { Sql } from "../../_shared/platform/db.ts";
import { ensureEmailLinkTable } from "./email-links.ts";
import { hashPassword } from "./password.ts";
import type { UserRow } from "./user-row.ts";

/**
 * The local Auth server's rows: users in `auth.users` (created by supabase/bootstrap-local.sql), and its
 * own sessions and refresh tokens, which only this local server uses and so creates itself. Refresh
 * tokens are stored as SHA-256 hashes and rotate on every use.
 */

// Any constant: serialises concurrent first starts creating the tables.
const SCHEMA_LOCK = 748_230_911;

export async function ensureAuthTables(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${SCHEMA_LOCK})`;
    await tx.unsafe(`
      create table if not exists auth.local_sessions (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references auth.users (id) on delete cascade,
        created_at timestamptz not null default now()
      );
      create table if not exists auth.local_refresh_tokens (
        token_hash text primary key,
        session_id uuid not null references auth.local_sessions (id) on delete cascade,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      );
      revoke all on auth.local_sessions, auth.local_refresh_tokens from anon, authenticated;`);
    await ensureEmailLinkTable(tx as unknown as Sql);
  });
}

/** Gives the seeded users (those still without a password) the documented local password. */
export async function setSeedPasswords(
  sql: Sql,
  emails: readonly string[],
  password: string,
): Promise<number> {
  const users = await sql<{ id: string }[]>`
    select id from auth.users where email in ${sql(emails as string[])} and encrypted_password is null`;
  for (const user of users) {
    await sql`update auth.users set encrypted_password = ${await hashPassword(password)} where id = ${user.id}`;
  }
  return users.length;
}

export async function findUserByEmail(sql: Sql, email: string): Promise<UserRow | undefined> {
  const [user] = await sql<UserRow[]>`select * from auth.users where lower(email) = lower(${email})`;
  return user;
}

export async function findUserById(sql: Sql, id: string): Promise<UserRow | undefined> {
  const [user] = await sql<UserRow[]>`select * from auth.users where id = ${id}`;
  return user;
}

/** Creates a user, confirmed at once unless e-mail confirmation is on; undefined if the address is taken. */
export async function createUser(
  sql: Sql,
  email: string,
  passwordHash: string,
  metadata: Record<string, unknown>,
  confirmed = true,
): Promise<UserRow | undefined> {
  const [user] = await sql<UserRow[]>`
    insert into auth.users (email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
    select ${email.toLowerCase()}, ${passwordHash}, ${confirmed ? sql`now()` : null},
      ${sql.json({ provider: "email", providers: ["email"] })}, ${sql.json(metadata as never)}
    where not exists (select 1 from auth.users where lower(email) = lower(${email}))
    on conflict (email) do nothing
    returning *`;
  return user;
}

export async function setPassword(sql: Sql, userId: string, passwordHash: string): Promise<void> {
  await sql`update auth.users set encrypted_password = ${passwordHash}, updated_at = now() where id = ${userId}`;
}

export async function createSession(sql: Sql, userId: string, refreshHash: string): Promise<string> {
  return sql.begin(async (tx) => {
    const [session] = await tx<{ id: string }[]>`
      insert into auth.local_sessions (user_id) values (${userId}) returning id`;
    if (!session) throw new Error("session insert returned nothing");
    await tx`insert into auth.local_refresh_tokens (token_hash, session_id) values (${refreshHash}, ${session.id})`;
    return session.id;
  }) as Promise<string>;
}

export type RotateResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "not_found" | "already_used" };

/** Spends a refresh token once and stores its successor, atomically. */
export async function rotateRefreshToken(sql: Sql, oldHash: string, newHash: string): Promise<RotateResult> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ session_id: string; user_id: string; revoked_at: Date | null }[]>`
      select t.session_id, s.user_id, t.revoked_at from auth.local_refresh_tokens t
      join auth.local_sessions s on s.id = t.session_id
      where t.token_hash = ${oldHash} for update of t`;
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (row.revoked_at) return { ok: false, reason: "already_used" } as const;
    await tx`update auth.local_refresh_tokens set revoked_at = now() where token_hash = ${oldHash}`;
    await tx`insert into auth.local_refresh_tokens (token_hash, session_id) values (${newHash}, ${row.session_id})`;
    return { ok: true, sessionId: row.session_id, userId: row.user_id } as const;
  }) as Promise<RotateResult>;
}

export async function sessionExists(sql: Sql, sessionId: string): Promise<boolean> {
  const rows = await sql`select 1 from auth.local_sessions where id = ${sessionId}`;
  return rows.length > 0;
}

export async function endSessions(
  sql: Sql,
  userId: string,
  sessionId: string,
  scope: "global" | "local" | "others",
): Promise<void> {
  if (scope === "local") await sql`delete from auth.local_sessions where id = ${sessionId}`;
  else if (scope === "others")
    await sql`delete from auth.local_sessions where user_id = ${userId} and id <> ${sessionId}`;
  else await sql`delete from auth.local_sessions where user_id = ${userId}`;
}
