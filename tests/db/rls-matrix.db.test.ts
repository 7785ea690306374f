import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { type Actor, type Outcome, useTestDatabase } from "../support/kit.ts";
import { FIXTURE, insertVictimFixtures } from "./rls-fixtures.ts";

/**
 * Every table × select/insert/update/delete × {anon, a member of another account, a member}, against the
 * demo account's rows. Each attempt runs in a rolled-back transaction; each has a service-role control
 * showing the same statement does work, so a denial is the policy's and not a broken statement's.
 */
const A = SEED.accounts.demo;
const L = SEED.lines.rose;
const MEMBER: Actor = { userId: SEED.users.demo.id };
const OUTSIDER: Actor = { userId: SEED.users.paid.id };

type Visibility = "all" | "some" | "denied";
interface TableSpec {
  table: string;
  /** Selects the victim's rows. */
  where: string;
  /** An insert for the victim's account, written as `actorId` would (their own user id where one is named). */
  insert: (actorId: string) => string;
  /** The SET clause of an update. */
  set: string;
  member: { select: Visibility; insert: boolean; update: boolean; delete: boolean };
  /** Rows every signed-in user may read (the plan catalogue). */
  public?: boolean;
}

const bytes = (n: number, hex = "00") => `decode(repeat('${hex}', ${n}), 'hex')`;

const TABLES: TableSpec[] = [
  {
    table: "ultaura_plans",
    where: "id = 'comfort'",
    insert: () =>
      `insert into public.ultaura_plans (id, name, kind, monthly_price_cents, annual_price_cents, minutes_included,
        lines_included, overage_cents_per_minute) values ('intruder', 'Free forever', 'paid', 0, 0, 99999, 10, 0)`,
    set: "minutes_included = 99999",
    member: { select: "all", insert: false, update: false, delete: false },
    public: true,
  },
  {
    table: "ultaura_accounts",
    where: `id = '${A}'`,
    insert: () => "insert into public.ultaura_accounts (name) values ('Intruder family')",
    set: "name = 'Renamed family'",
    member: { select: "all", insert: false, update: true, delete: false },
  },
  {
    table: "ultaura_account_members",
    where: `account_id = '${A}'`,
    insert: (actorId) =>
      `insert into public.ultaura_account_members (account_id, user_id, role) values ('${A}', '${actorId}', 'member')`,
    set: "role = 'member'",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_subscriptions",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_subscriptions (account_id, plan_id, stripe_subscription_id, status)
        values ('${A}', 'family', 'sub_intruder', 'active')`,
    set: "status = 'canceled'",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_lines",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_lines (account_id, display_name, phone_e164, timezone)
        values ('${A}', 'Arthur', '+15555550111', 'America/New_York')`,
    set: "display_name = 'Renamed'",
    member: { select: "all", insert: true, update: true, delete: true },
  },
  {
    table: "ultaura_phone_verifications",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_phone_verifications (account_id, line_id, phone_e164, channel, status)
        values ('${A}', '${L}', '+15555550100', 'sms', 'approved')`,
    set: "status = 'approved'",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_trusted_contacts",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164)
        values ('${A}', '${L}', 'Eve', '+15555550177')`,
    set: "phone_e164 = '+15555550166'",
    member: { select: "all", insert: true, update: true, delete: true },
  },
  {
    table: "ultaura_consents",
    where: `account_id = '${A}'`,
    insert: (actorId) =>
      `insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id)
        values ('${A}', '${L}', 'ai_calls', true, 'web', '${actorId}')`,
    set: "granted = false",
    member: { select: "all", insert: true, update: false, delete: false },
  },
  {
    table: "ultaura_opt_outs",
    where: `account_id = '${A}'`,
    insert: (actorId) =>
      `insert into public.ultaura_opt_outs (account_id, line_id, source, requested_by_user_id)
        values ('${A}', '${L}', 'web', '${actorId}')`,
    set: "resolved_at = now()",
    member: { select: "all", insert: true, update: false, delete: false },
  },
  {
    table: "ultaura_schedules",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone)
        values ('${A}', '${L}', '{1,3}', '09:30', 'America/Los_Angeles')`,
    set: "time_of_day = '11:15'",
    member: { select: "all", insert: true, update: true, delete: true },
  },
  {
    table: "ultaura_call_sessions",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_call_sessions (account_id, line_id, direction) values ('${A}', '${L}', 'outbound')`,
    set: "seconds_connected = 0",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_call_events",
    where: `call_session_id = '${FIXTURE.callSession}'`,
    insert: () =>
      `insert into public.ultaura_call_events (call_session_id, type) values ('${FIXTURE.callSession}', 'forged')`,
    set: "type = 'rewritten'",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_minute_ledger",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_minute_ledger (account_id, call_session_id, seconds_connected, billable_minutes,
        billable_type, cycle_start) values ('${A}', '${FIXTURE.callSessionUnbilled}', 60, 1, 'trial', now())`,
    set: "billable_minutes = 0",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_memories",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_memories (id, account_id, line_id, kind, ciphertext, iv, key_version)
        values (gen_random_uuid(), '${A}', '${L}', 'fact', ${bytes(40)}, ${bytes(12)}, 1)`,
    set: "private = false",
    member: { select: "some", insert: false, update: false, delete: true },
  },
  {
    table: "ultaura_account_keys",
    where: `account_id = '${A}' and key_version = 2`,
    insert: () =>
      `insert into public.ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
        values ('${A}', 3, ${bytes(48)}, ${bytes(12)}, 1)`,
    set: "kek_version = 9",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_safety_events",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_safety_events (account_id, line_id, tier, source) values ('${A}', '${L}', 'high', 'model')`,
    set: "acknowledged_at = now()",
    member: { select: "all", insert: false, update: true, delete: false },
  },
  {
    table: "ultaura_stripe_events",
    where: `id = '${FIXTURE.stripeEvent}'`,
    insert: () =>
      "insert into public.ultaura_stripe_events (id, type, stripe_created_at) values ('evt_forged', 'invoice.paid', now())",
    set: "processed_at = now()",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_schedule_runs",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_schedule_runs (schedule_id, account_id, line_id, occurrence_at, due_at)
        values ('${SEED.scheduleRoseDaily}', '${A}', '${L}', now() + interval '3 days', now())`,
    set: "due_at = now()",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_reminders",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_reminders (account_id, line_id, text, kind, days_of_week, times, timezone)
        values ('${A}', '${L}', 'Take the pills', 'medication', '{1}', '{09:00}', 'America/Los_Angeles')`,
    set: "text = 'Changed'",
    member: { select: "all", insert: true, update: true, delete: true },
  },
  {
    table: "ultaura_reminder_occurrences",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at)
        values ('${FIXTURE.reminder}', '${A}', '${L}', now() + interval '2 days', now())`,
    set: "state = 'acknowledged'",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_dial_pacing",
    where: "bucket = 'twilio'",
    insert: () =>
      "insert into public.ultaura_dial_pacing (bucket, tokens, refilled_at) values ('forged', 1000, now())",
    set: "tokens = 1000",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_account_invites",
    where: `account_id = '${A}'`,
    insert: (actorId) =>
      `insert into public.ultaura_account_invites (account_id, email, token_hash, invited_by)
        values ('${A}', 'cousin@example.com', repeat('cd', 32), '${actorId}')`,
    set: "accepted_at = now()",
    member: { select: "all", insert: true, update: false, delete: true },
  },
  {
    table: "ultaura_call_insights",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_call_insights (call_session_id, account_id, line_id, source, ciphertext, iv, key_version)
        values ('${FIXTURE.callSessionUnbilled}', '${A}', '${L}', 'model', ${bytes(40)}, ${bytes(12)}, 1)`,
    set: "mood = 1",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_line_messages",
    where: `account_id = '${A}'`,
    insert: (actorId) =>
      `insert into public.ultaura_line_messages (account_id, line_id, sender_user_id, sender_name, body)
        values ('${A}', '${L}', '${actorId}', 'Anna', 'See you Sunday')`,
    set: "delivered_at = now()",
    member: { select: "all", insert: true, update: false, delete: false },
  },
  {
    table: "ultaura_line_notices",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_line_notices (account_id, line_id, kind)
        values ('${A}', '${L}', 'number_changed')`,
    set: "new_phone_e164 = '+15555550999'",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_billing_notices",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_billing_notices (account_id, kind, cycle_start)
        values ('${A}', 'account_suspended', now() + interval '1 day')`,
    set: "details = '{\"forged\": true}'",
    member: { select: "all", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_bridge_request_nonces",
    where: `nonce = '${FIXTURE.nonce}'`,
    insert: () =>
      "insert into public.ultaura_bridge_request_nonces (nonce, purpose, expires_at) values ('0badc0de0badc0de0badc0de0badc0de', 'bridge', now())",
    set: "expires_at = now()",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_closed_accounts",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_closed_accounts (account_id, calls, seconds_connected, billable_minutes, overage_minutes)
       values (gen_random_uuid(), 0, 0, 0, 0)`,
    set: "billable_minutes = 0",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_trial_numbers",
    where: "minutes_used = 5",
    insert: () =>
      `insert into public.ultaura_trial_numbers (number_key, minutes_used) values (${bytes(32, "cd")}, 20)`,
    set: "minutes_used = 0",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_private_keys",
    where: "name = 'trial_number'",
    insert: () => `insert into public.ultaura_private_keys (name, key) values ('forged', ${bytes(32, "ef")})`,
    set: `key = ${bytes(32, "ef")}`,
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    // Each user's own row: the victim is the demo user (an upsert, since the row exists).
    table: "ultaura_member_notification_settings",
    where: `user_id = '${SEED.users.demo.id}'`,
    insert: () =>
      `insert into public.ultaura_member_notification_settings (user_id, kinds) values ('${SEED.users.demo.id}', '{safety}')
        on conflict (user_id) do update set kinds = excluded.kinds`,
    set: "kinds = '{billing}'",
    member: { select: "all", insert: true, update: true, delete: false },
  },
  {
    table: "ultaura_notifications",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_notifications (account_id, kind, subject_key) values ('${A}', 'billing', 'forged')`,
    set: "subject_key = 'forged'",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_member_alerts",
    where: `user_id = '${SEED.users.demo.id}'`,
    insert: (actorId) =>
      `insert into public.ultaura_member_alerts (notification_id, account_id, user_id, kind, body)
        values ('${FIXTURE.notification}', '${A}', '${actorId}', 'billing', 'forged')`,
    set: "read_at = now()",
    member: { select: "all", insert: false, update: true, delete: false },
  },
  {
    table: "ultaura_sms_log",
    where: "phone_e164 = '+15555550188'",
    insert: () => "insert into public.ultaura_sms_log (phone_e164, kind) values ('+15555550188', 'safety')",
    set: "kind = 'billing'",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_sms_opt_outs",
    where: "phone_e164 = '+15555550188'",
    insert: () =>
      "insert into public.ultaura_sms_opt_outs (phone_e164, kind) values ('+15555550188', 'safety')",
    set: "created_at = now()",
    member: { select: "denied", insert: false, update: false, delete: false },
  },
  {
    table: "ultaura_line_pauses",
    where: `account_id = '${A}'`,
    insert: () =>
      `insert into public.ultaura_line_pauses (account_id, line_id, starts_on, ends_on)
        values ('${A}', '${L}', current_date, current_date + 1)`,
    set: "ends_on = ends_on + 1",
    member: { select: "all", insert: true, update: false, delete: true },
  },
];

const database = useTestDatabase();

beforeAll(async () => {
  await database.resetData();
  await database.db.asService(insertVictimFixtures);
});

const count = async (actor: Actor, spec: TableSpec, where = spec.where): Promise<Outcome> =>
  database.attempt(actor, `select count(*)::int as n from public.${spec.table} where ${where}`);
const seen = (outcome: Outcome): number => (outcome.ok ? Number(outcome.rows[0]?.n) : -1);
const actorId = (actor: Actor) => (typeof actor === "object" ? actor.userId : SEED.users.low.id);

/** A refusal: permission denied / RLS violation, or a statement that reached no rows. */
function expectRefused(outcome: Outcome): void {
  if (outcome.ok) expect(outcome.count, "statement must reach no rows").toBe(0);
  else expect(outcome.code, outcome.message).toBe("42501");
}

it("covers every table in the public schema", async () => {
  const tables = await database.db.sql<{ tablename: string }[]>`
    select tablename from pg_tables where schemaname = 'public' order by tablename`;
  expect(tables.map((t) => t.tablename).sort()).toEqual(TABLES.map((t) => t.table).sort());
});

describe.each(TABLES)("$table", (spec) => {
  describe("service role (control: every statement works)", () => {
    it("select, insert, update and delete reach the victim's rows", async () => {
      expect(seen(await count("service", spec))).toBeGreaterThan(0);
      expect(await database.attempt("service", spec.insert(actorId("service")))).toMatchObject({
        ok: true,
        count: 1,
      });
      const updated = await database.attempt(
        "service",
        `update public.${spec.table} set ${spec.set} where ${spec.where}`,
      );
      expect(updated.ok && updated.count > 0, JSON.stringify(updated)).toBe(true);
      const deleted = await database.attempt(
        "service",
        `delete from public.${spec.table} where ${spec.where}`,
      );
      expect(deleted.ok && deleted.count > 0, JSON.stringify(deleted)).toBe(true);
    });
  });

  describe.each([
    ["anon", "anon" as Actor],
    ["a member of another account", OUTSIDER],
  ])("%s", (_name, actor) => {
    it("sees nothing", async () => {
      const outcome =
        actor === "anon"
          ? await database.attempt(actor, `select count(*)::int as n from public.${spec.table}`)
          : await count(actor, spec);
      if (spec.public && actor !== "anon") expect(seen(outcome)).toBeGreaterThan(0);
      else if (outcome.ok) expect(seen(outcome)).toBe(0);
      else expect(outcome.code).toBe("42501");
    });

    it("cannot insert", async () => {
      const outcome = await database.attempt(actor, spec.insert(actorId(actor)));
      expect(outcome.ok, JSON.stringify(outcome)).toBe(false);
      if (!outcome.ok) expect(outcome.code, outcome.message).toBe("42501");
    });

    it("cannot update", async () => {
      expectRefused(
        await database.attempt(actor, `update public.${spec.table} set ${spec.set} where ${spec.where}`),
      );
    });

    it("cannot delete", async () => {
      expectRefused(await database.attempt(actor, `delete from public.${spec.table} where ${spec.where}`));
    });
  });

  describe("a member of the account", () => {
    it(`select: ${spec.member.select}`, async () => {
      const mine = await count(MEMBER, spec);
      const all = seen(await count("service", spec));
      if (spec.member.select === "denied") expect(mine).toMatchObject({ ok: false, code: "42501" });
      else if (spec.member.select === "all") expect(seen(mine)).toBe(all);
      else {
        expect(seen(mine)).toBeGreaterThan(0);
        expect(seen(mine)).toBeLessThan(all);
      }
    });

    it(`insert: ${spec.member.insert ? "allowed" : "refused"}`, async () => {
      const outcome = await database.attempt(MEMBER, spec.insert(actorId(MEMBER)));
      if (spec.member.insert) expect(outcome).toMatchObject({ ok: true, count: 1 });
      else expect(outcome).toMatchObject({ ok: false, code: "42501" });
    });

    it(`update: ${spec.member.update ? "allowed" : "refused"}`, async () => {
      const outcome = await database.attempt(
        MEMBER,
        `update public.${spec.table} set ${spec.set} where ${spec.where}`,
      );
      if (spec.member.update) expect(outcome.ok && outcome.count > 0, JSON.stringify(outcome)).toBe(true);
      else expectRefused(outcome);
    });

    it(`delete: ${spec.member.delete ? "allowed" : "refused"}`, async () => {
      const outcome = await database.attempt(MEMBER, `delete from public.${spec.table} where ${spec.where}`);
      if (spec.member.delete) expect(outcome.ok && outcome.count > 0, JSON.stringify(outcome)).toBe(true);
      else expectRefused(outcome);
    });
  });
});

describe("ultaura_account_usage (view)", () => {
  it("anon is refused, another account sees nothing, the member sees their account", async () => {
    const query = `select count(*)::int as n from public.ultaura_account_usage where account_id = '${A}'`;
    expect(await database.attempt("anon", query)).toMatchObject({ ok: false, code: "42501" });
    expect(seen(await database.attempt(OUTSIDER, query))).toBe(0);
    expect(seen(await database.attempt(MEMBER, query))).toBe(1);
  });
});

describe("security-definer helpers", () => {
  it("are all security definer with an empty search_path, and none is callable by anon", async () => {
    const rows = await database.db.sql<{ name: string; config: string[] | null; anon: boolean }[]>`
      select p.proname as name, p.proconfig as config, has_function_privilege('anon', p.oid, 'execute') as anon
      from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef`;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.config, row.name).toContain('search_path=""');
      expect(row.anon, row.name).toBe(false);
    }
  });

  it("every public table has RLS enabled and grants anon nothing", async () => {
    const rows = await database.db.sql<{ name: string; rls: boolean; anon: boolean }[]>`
      select c.relname as name, c.relrowsecurity as rls,
        has_table_privilege('anon', c.oid, 'select, insert, update, delete') as anon
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm')`;
    for (const row of rows) {
      expect(row.anon, row.name).toBe(false);
      if (row.name !== "ultaura_account_usage") expect(row.rls, row.name).toBe(true);
    }
  });
});
