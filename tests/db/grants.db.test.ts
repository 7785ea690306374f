import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/db/migrate.ts";
import { startPgliteServer } from "../../scripts/db/pglite-server.ts";

/**
 * The migrations on a database made the way older Supabase projects were: default privileges that grant
 * every new table, sequence and function in `public` to `anon` and `authenticated`. The revoke-first
 * grant blocks must leave members exactly the columns the family app writes and `anon` nothing at all.
 * A fresh database of its own (PGlite, or a new database on TEST_DATABASE_URL's server), migrated unseeded.
 */
let sql: postgres.Sql;
let dispose: () => Promise<void>;

const OLD_SUPABASE_DEFAULTS = `
  do $$
  begin
    if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
  end
  $$;
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;`;

async function freshDatabase(): Promise<{ url: string; dispose: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const server = await startPgliteServer({ port: 0 });
    return { url: server.url, dispose: () => server.stop() };
  }
  const name = `ultaura_grants_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

beforeAll(async () => {
  const db = await freshDatabase();
  dispose = db.dispose;
  sql = postgres(db.url, { max: 1, prepare: false, onnotice: () => {} });
  await sql.unsafe(OLD_SUPABASE_DEFAULTS);
  await applyMigrations(db.url, { seed: false });
}, 120_000);

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await dispose?.();
});

const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

async function columnsWith(role: string, table: string, privilege: string): Promise<string[]> {
  const rows = await sql<{ attname: string }[]>`
    select a.attname from pg_attribute a
    where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0 and not a.attisdropped
      and has_column_privilege(${role}, a.attrelid, a.attnum, ${privilege})
    order by a.attname`;
  return rows.map((r) => r.attname);
}

async function tablePrivileges(role: string, table: string): Promise<string[]> {
  const held: string[] = [];
  for (const p of TABLE_PRIVILEGES) {
    const [row] = await sql<
      { ok: boolean }[]
    >`select has_table_privilege(${role}, ${`public.${table}`}, ${p}) as ok`;
    if (row?.ok) held.push(p);
  }
  return held;
}

describe("grants on a database with older Supabase's default privileges", () => {
  it("the old defaults are in force (a new table is granted to anon and members)", async () => {
    await sql.unsafe("create table public.grants_probe (id int)");
    expect(await tablePrivileges("anon", "grants_probe")).toContain("UPDATE");
    expect(await tablePrivileges("authenticated", "grants_probe")).toContain("DELETE");
    await sql.unsafe("drop table public.grants_probe");
  });

  it("the issue's examples: members cannot update account status, plan or minutes, nor line verification or do-not-call", async () => {
    const [row] = await sql<Record<string, boolean>[]>`select
      has_column_privilege('authenticated', 'public.ultaura_accounts', 'status', 'UPDATE') as status,
      has_column_privilege('authenticated', 'public.ultaura_accounts', 'plan_id', 'UPDATE') as plan_id,
      has_column_privilege('authenticated', 'public.ultaura_accounts', 'minutes_included', 'UPDATE') as minutes,
      has_column_privilege('authenticated', 'public.ultaura_lines', 'phone_verified_at', 'UPDATE') as verified,
      has_column_privilege('authenticated', 'public.ultaura_lines', 'do_not_call', 'UPDATE') as dnc,
      has_column_privilege('authenticated', 'public.ultaura_lines', 'do_not_call', 'INSERT') as dnc_insert`;
    expect(row).toEqual({
      status: false,
      plan_id: false,
      minutes: false,
      verified: false,
      dnc: false,
      dnc_insert: false,
    });
  });

  it("members may write exactly the columns the family app writes, on every table", async () => {
    const writable: Record<string, { insert: string[]; update: string[] }> = {};
    const tables = await sql<{ relname: string }[]>`
      select relname from pg_class
      where relnamespace = 'public'::regnamespace and relname like 'ultaura\\_%' and relkind in ('r', 'v', 'p')
      order by relname`;
    for (const { relname } of tables) {
      const insert = await columnsWith("authenticated", relname, "INSERT");
      const update = await columnsWith("authenticated", relname, "UPDATE");
      if (insert.length > 0 || update.length > 0) writable[relname] = { insert, update };
    }
    expect(writable).toEqual(EXPECTED_MEMBER_WRITES);
  });

  it("members hold no table-wide write except deleting their own rows where the app deletes", async () => {
    const held: Record<string, string[]> = {};
    for (const table of Object.keys(EXPECTED_MEMBER_TABLE_PRIVILEGES)) {
      held[table] = await tablePrivileges("authenticated", table);
    }
    expect(held).toEqual(EXPECTED_MEMBER_TABLE_PRIVILEGES);
  });

  it("anon holds no privilege on any table, view, column or sequence", async () => {
    const rows = await sql<{ relname: string }[]>`
      select c.relname from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'p', 'S')
        and (
          (c.relkind = 'S' and (has_sequence_privilege('anon', c.oid, 'USAGE') or has_sequence_privilege('anon', c.oid, 'SELECT')
            or has_sequence_privilege('anon', c.oid, 'UPDATE')))
          or (c.relkind <> 'S' and (
            has_any_column_privilege('anon', c.oid, 'SELECT') or has_any_column_privilege('anon', c.oid, 'INSERT')
            or has_any_column_privilege('anon', c.oid, 'UPDATE') or has_any_column_privilege('anon', c.oid, 'REFERENCES')
            or has_table_privilege('anon', c.oid, 'DELETE') or has_table_privilege('anon', c.oid, 'TRUNCATE')
            or has_table_privilege('anon', c.oid, 'TRIGGER'))))
      order by c.relname`;
    expect(rows.map((r) => r.relname)).toEqual([]);
  });

  it("members hold no privilege on the sequences", async () => {
    const rows = await sql<{ relname: string }[]>`
      select relname from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'S'
        and (has_sequence_privilege('authenticated', oid, 'USAGE') or has_sequence_privilege('authenticated', oid, 'UPDATE'))`;
    expect(rows).toEqual([]);
  });

  it("anon executes no function; members execute only the functions granted to them by name", async () => {
    const anon = await sql<{ fn: string }[]>`
      select p.oid::regprocedure::text as fn from pg_proc p
      where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'EXECUTE')`;
    expect(anon).toEqual([]);
    const [row] = await sql<{ fns: string[] }[]>`
      select coalesce(array_agg(p.proname::text order by p.proname), '{}') as fns from pg_proc p
      where p.pronamespace = 'public'::regnamespace and p.proname = any(${SERVICE_ONLY_FUNCTIONS})
        and has_function_privilege('authenticated', p.oid, 'EXECUTE')`;
    expect(row?.fns).toEqual([]);
  });
});

/** Service-path and trigger functions: no member may call them. */
const SERVICE_ONLY_FUNCTIONS = [
  "ultaura_touch_updated_at",
  "ultaura_enforce_line_limit",
  "ultaura_reset_line_verification",
  "ultaura_apply_opt_out",
  "ultaura_schedules_plan_next_run",
  "ultaura_safety_events_acknowledge",
  "ultaura_schedule_runs_settle",
  "ultaura_take_dial_tokens",
  "ultaura_cycle_overage",
  "ultaura_ledger_notices",
  "ultaura_call_status_final",
  "ultaura_bridge_end_key",
  "ultaura_call_session_over",
  "ultaura_member_phone_unverify",
  "ultaura_line_paused",
  "ultaura_trusted_contacts_tiers_upward",
  "ultaura_account_zone",
  "ultaura_reminders_plan_next_due",
  "ultaura_reminder_occurrences_settle",
];

const LINE_FIELDS = [
  "display_name",
  "interests",
  "language",
  "phone_e164",
  "preferred_name",
  "quiet_hours_end",
  "quiet_hours_start",
  "timezone",
  "topics_to_avoid",
  "voice",
  "voicemail_behavior",
];
// Not `alerts_opted_in_at`: only a recorded consent sets it (0036).
const CONTACT_FIELDS = ["enabled", "name", "notify_missed_calls", "notify_on", "phone_e164", "relationship"];
const SCHEDULE_FIELDS = ["days_of_week", "enabled", "retry_policy", "time_of_day", "timezone"];
const REMINDER_FIELDS = [
  "days_of_week",
  "kind",
  "notify_on_miss",
  "once_local",
  "paused",
  "require_ack",
  "retries",
  "retry_minutes",
  "text",
  "times",
];

/** Every column a member may insert or update, per table; any other table allows neither. */
const EXPECTED_MEMBER_WRITES: Record<string, { insert: string[]; update: string[] }> = {
  ultaura_account_invites: {
    insert: ["account_id", "email", "expires_at", "invited_by", "role", "token_hash"],
    update: [],
  },
  ultaura_accounts: { insert: [], update: ["name"] },
  ultaura_consents: {
    insert: [
      "account_id",
      "granted",
      "granted_by_user_id",
      "kind",
      "line_id",
      "note",
      "source",
      "trusted_contact_id",
    ],
    update: [],
  },
  ultaura_lines: { insert: ["account_id", ...LINE_FIELDS].sort(), update: LINE_FIELDS },
  ultaura_line_messages: {
    insert: ["account_id", "body", "line_id", "sender_name", "sender_user_id"],
    update: [],
  },
  ultaura_line_pauses: {
    insert: ["account_id", "created_by", "ends_on", "line_id", "note", "starts_on"],
    update: [],
  },
  ultaura_member_alerts: { insert: [], update: ["read_at"] },
  ultaura_member_notification_settings: {
    insert: ["kinds", "language", "phone_e164", "timezone", "user_id"],
    update: ["kinds", "language", "phone_e164", "timezone"],
  },
  ultaura_opt_outs: { insert: ["account_id", "line_id", "requested_by_user_id", "source"], update: [] },
  ultaura_safety_events: { insert: [], update: ["acknowledged_at"] },
  ultaura_schedules: {
    insert: ["account_id", "line_id", ...SCHEDULE_FIELDS].sort(),
    update: SCHEDULE_FIELDS,
  },
  ultaura_trusted_contacts: {
    insert: ["account_id", "line_id", ...CONTACT_FIELDS].sort(),
    update: CONTACT_FIELDS,
  },
  ultaura_reminders: {
    insert: ["account_id", "line_id", "timezone", ...REMINDER_FIELDS].sort(),
    update: REMINDER_FIELDS,
  },
};

/** Table-wide privileges (column grants do not count here): reading, and deleting where the app deletes. */
const EXPECTED_MEMBER_TABLE_PRIVILEGES: Record<string, string[]> = {
  ultaura_plans: ["SELECT"],
  ultaura_accounts: ["SELECT"],
  ultaura_account_members: ["SELECT"],
  ultaura_subscriptions: ["SELECT"],
  ultaura_lines: ["SELECT", "DELETE"],
  ultaura_phone_verifications: ["SELECT"],
  ultaura_trusted_contacts: ["SELECT", "DELETE"],
  ultaura_consents: ["SELECT"],
  ultaura_opt_outs: ["SELECT"],
  ultaura_schedules: ["SELECT", "DELETE"],
  ultaura_call_sessions: ["SELECT"],
  ultaura_call_events: [],
  ultaura_minute_ledger: ["SELECT"],
  ultaura_stripe_events: [],
  ultaura_account_usage: ["SELECT"],
  ultaura_account_keys: [],
  ultaura_memories: ["SELECT", "DELETE"],
  ultaura_safety_events: ["SELECT"],
  ultaura_bridge_request_nonces: [],
  ultaura_account_invites: ["SELECT", "DELETE"],
  ultaura_call_insights: ["SELECT"],
  ultaura_line_messages: ["SELECT"],
  ultaura_member_notification_settings: ["SELECT"],
  ultaura_member_alerts: ["SELECT"],
  ultaura_notifications: [],
  ultaura_sms_log: [],
  ultaura_sms_opt_outs: [],
  ultaura_line_pauses: ["SELECT", "DELETE"],
  ultaura_reminders: ["SELECT", "DELETE"],
  ultaura_reminder_occurrences: ["SELECT"],
};
