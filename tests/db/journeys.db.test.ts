import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { type Actor, phoneNumber, useTestDatabase } from "../support/kit.ts";

/** The brief's family journeys, done as a signed-in member through RLS, plus the writes RLS must refuse. */
const database = useTestDatabase();
const DEMO = SEED.users.demo.id;
const A = SEED.accounts.demo;
const ROSE = SEED.lines.rose;
const MEMBER: Actor = { userId: DEMO };

beforeEach(() => database.resetData());

describe("signing up", () => {
  it("creates a trial account owned by the caller, once", async () => {
    const userId = "10000000-0000-4000-8000-0000000000aa";
    await database.db.sql`insert into auth.users (id, email) values (${userId}, 'new@ultaura.local')`;
    const [created] = await database.asUser(
      userId,
      (tx) => tx`select public.ultaura_create_account('New Family') as id`,
    );
    const [account] = await database.asUser(
      userId,
      (tx) =>
        tx`select status, plan_id, minutes_included from public.ultaura_accounts where id = ${created?.id}`,
    );
    expect(account).toEqual({ status: "trial", plan_id: "free_trial", minutes_included: 20 });
    const again = await database.attempt({ userId }, "select public.ultaura_create_account('Second')");
    expect(again).toMatchObject({ ok: false, message: "account_already_exists" });
    expect(await database.attempt("anon", "select public.ultaura_create_account('x')")).toMatchObject({
      ok: false,
    });
  });
});

describe("lines", () => {
  const addLine = (phone: string) =>
    database.asUser(
      DEMO,
      (tx) => tx`
        insert into public.ultaura_lines (account_id, display_name, phone_e164, timezone, interests)
        values (${A}, 'Arthur', ${phone}, 'Europe/London', ${["chess"]}) returning id, phone_verified_at, do_not_call`,
    );

  it("a trial allows one line; the plan's cap is enforced after an upgrade too", async () => {
    const [first, second] = [phoneNumber(), phoneNumber()];
    await expect(addLine(first)).rejects.toMatchObject({ message: "line_limit_reached" });
    await database.db
      .sql`update public.ultaura_accounts set plan_id = 'comfort', status = 'active' where id = ${A}`;
    const [line] = await addLine(first);
    expect(line).toMatchObject({ phone_verified_at: null, do_not_call: false });
    await expect(addLine(second)).rejects.toMatchObject({ message: "line_limit_reached" });
  });

  it("edits quiet hours, read back as stored", async () => {
    await database.asUser(
      DEMO,
      (tx) =>
        tx`update public.ultaura_lines set quiet_hours_start = '22:30', quiet_hours_end = '07:00' where id = ${ROSE}`,
    );
    const [line] = await database.asUser(
      DEMO,
      (tx) => tx`select quiet_hours_start, quiet_hours_end from public.ultaura_lines where id = ${ROSE}`,
    );
    expect(line).toEqual({ quiet_hours_start: "22:30:00", quiet_hours_end: "07:00:00" });
    const half = await database.attempt(
      MEMBER,
      `update public.ultaura_lines set quiet_hours_end = null where id = '${ROSE}'`,
    );
    expect(half).toMatchObject({ ok: false, code: "23514" });
  });

  it("refuses an unknown time zone and a malformed number", async () => {
    expect(
      await database.attempt(
        MEMBER,
        `update public.ultaura_lines set timezone = 'Mars/Olympus' where id = '${ROSE}'`,
      ),
    ).toMatchObject({ ok: false, code: "23514" });
    expect(
      await database.attempt(
        MEMBER,
        `update public.ultaura_lines set phone_e164 = '555-0100' where id = '${ROSE}'`,
      ),
    ).toMatchObject({ ok: false, code: "23514" });
  });

  it("changing the number clears its verification", async () => {
    await database.asUser(
      DEMO,
      (tx) => tx`update public.ultaura_lines set phone_e164 = ${phoneNumber()} where id = ${ROSE}`,
    );
    const [line] = await database.db
      .sql`select phone_verified_at from public.ultaura_lines where id = ${ROSE}`;
    expect(line?.phone_verified_at).toBeNull();
  });
});

describe("schedules", () => {
  it("a new schedule is planned at its local time; edits re-plan it; disabling clears it", async () => {
    const [schedule] = await database.asUser(
      DEMO,
      (tx) => tx`
        insert into public.ultaura_schedules (account_id, line_id, days_of_week, time_of_day, timezone)
        values (${A}, ${ROSE}, ${[1, 3, 5]}, '09:30', 'America/Los_Angeles') returning id`,
    );
    const planned = async () =>
      (
        await database.db.sql<{ local: string; dow: number; future: boolean; enabled: boolean }[]>`
          select to_char(next_run_at at time zone 'America/Los_Angeles', 'HH24:MI') as local,
            extract(dow from next_run_at at time zone 'America/Los_Angeles')::int as dow,
            next_run_at > now() as future, next_run_at is not null as enabled
          from public.ultaura_schedules where id = ${schedule?.id}`
      )[0];
    expect(await planned()).toMatchObject({ local: "09:30", future: true });
    expect([1, 3, 5]).toContain((await planned())?.dow);

    await database.asUser(
      DEMO,
      (tx) => tx`update public.ultaura_schedules set time_of_day = '16:45' where id = ${schedule?.id}`,
    );
    expect(await planned()).toMatchObject({ local: "16:45", future: true });

    await database.asUser(
      DEMO,
      (tx) => tx`update public.ultaura_schedules set enabled = false where id = ${schedule?.id}`,
    );
    expect((await planned())?.enabled).toBe(false);
  });

  it("the seeded daily 10:00 schedule is due within a day", async () => {
    const [row] = await database.db.sql`
      select to_char(next_run_at at time zone 'America/Los_Angeles', 'HH24:MI') as local,
        next_run_at - now() <= interval '24 hours' as soon
      from public.ultaura_schedules where id = ${SEED.scheduleRoseDaily}`;
    expect(row).toEqual({ local: "10:00", soon: true });
  });

  it("next run across the spring-forward gap and the autumn fold", async () => {
    const [row] = await database.db.sql`
      select public.ultaura_schedule_next_run('{0}', '02:30', 'America/New_York', '2026-03-07 12:00Z') as spring,
             public.ultaura_schedule_next_run('{0}', '01:30', 'America/New_York', '2026-10-31 12:00Z') as fall`;
    // 2026-03-08 02:30 does not exist in New York: the first valid minute, 03:00 EDT (07:00Z), as the
    // scheduler's nextRunAt has it (0017); 01:30 on 1 November happens twice: the first, EDT (05:30Z).
    expect(row?.spring).toEqual(new Date("2026-03-08T07:00:00.000Z"));
    expect(row?.fall).toEqual(new Date("2026-11-01T05:30:00.000Z"));
  });

  it("members cannot write the scheduler's columns", async () => {
    for (const set of [
      "next_run_at = now()",
      "retry_count = 0",
      "last_result = 'completed'",
      "claimed_at = now()",
    ]) {
      const outcome = await database.attempt(MEMBER, `update public.ultaura_schedules set ${set}`);
      expect(outcome, set).toMatchObject({ ok: false, code: "42501" });
    }
  });
});

describe("trusted contacts and alert consent", () => {
  it("adds, edits and removes a contact, and records the contact's agreement", async () => {
    const [contact] = await database.asUser(
      DEMO,
      (tx) => tx`
        insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, relationship, notify_on)
        values (${A}, ${ROSE}, 'June', '+15555550188', 'daughter', '{high}') returning id`,
    );
    await database.asUser(
      DEMO,
      (tx) => tx`
        insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id,
          trusted_contact_id, note)
        values (${A}, ${ROSE}, 'trusted_contact_alerts', true, 'web', ${DEMO}, ${contact?.id}, 'June said yes')`,
    );
    // The recorded agreement is what opts her in (0036).
    const [opted] = await database.db
      .sql`select alerts_opted_in_at from public.ultaura_trusted_contacts where id = ${contact?.id}`;
    expect(opted?.alerts_opted_in_at).not.toBeNull();
    await database.asUser(
      DEMO,
      (tx) => tx`update public.ultaura_trusted_contacts set name = 'June B.' where id = ${contact?.id}`,
    );
    const [seen] = await database.db
      .sql`select name from public.ultaura_trusted_contacts where id = ${contact?.id}`;
    expect(seen?.name).toBe("June B.");
    await database.asUser(
      DEMO,
      (tx) => tx`delete from public.ultaura_trusted_contacts where id = ${contact?.id}`,
    );
    const left = await database.db
      .sql`select 1 from public.ultaura_consents where trusted_contact_id = ${contact?.id}`;
    expect(left).toHaveLength(0);
  });

  it("members cannot record memory consent or consent in someone else's name", async () => {
    const memory = await database.attempt(
      MEMBER,
      `insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id)
       values ('${A}', '${ROSE}', 'memory', true, 'web', '${DEMO}')`,
    );
    expect(memory).toMatchObject({ ok: false, code: "42501" });
    const impersonated = await database.attempt(
      MEMBER,
      `insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id)
       values ('${A}', '${ROSE}', 'ai_calls', true, 'web', '${SEED.users.paid.id}')`,
    );
    expect(impersonated).toMatchObject({ ok: false, code: "42501" });
  });
});

describe("opt-outs", () => {
  it("an opt-out stops calls at once; only re-enabling with a note resumes them", async () => {
    await database.asUser(
      DEMO,
      (tx) => tx`insert into public.ultaura_opt_outs (account_id, line_id, source, requested_by_user_id)
        values (${A}, ${ROSE}, 'web', ${DEMO})`,
    );
    const flag = async () =>
      (await database.db.sql`select do_not_call from public.ultaura_lines where id = ${ROSE}`)[0];
    expect(await flag()).toEqual({ do_not_call: true });
    const [optOut] = await database.db
      .sql`select phone_e164 from public.ultaura_opt_outs where line_id = ${ROSE}`;
    expect(optOut?.phone_e164).toBe(SEED.phones.rose);

    expect(
      await database.attempt(
        MEMBER,
        `update public.ultaura_lines set do_not_call = false where id = '${ROSE}'`,
      ),
    ).toMatchObject({ ok: false, code: "42501" });
    expect(
      await database.attempt(MEMBER, `select public.ultaura_reenable_calls('${ROSE}', ' ')`),
    ).toMatchObject({
      ok: false,
    });
    expect(
      await database.attempt(
        { userId: SEED.users.paid.id },
        `select public.ultaura_reenable_calls('${ROSE}', 'hi')`,
      ),
    ).toMatchObject({ ok: false, code: "P0002" });

    await database.asUser(
      DEMO,
      (tx) => tx`select public.ultaura_reenable_calls(${ROSE}, 'Rose asked to resume calls')`,
    );
    expect(await flag()).toEqual({ do_not_call: false });
    const evidence = await database.db.sql`
      select 1 from public.ultaura_consents where line_id = ${ROSE} and kind = 'reenable_calls' and granted_by_user_id = ${DEMO}`;
    expect(evidence).toHaveLength(1);
    const open = await database.db
      .sql`select 1 from public.ultaura_opt_outs where line_id = ${ROSE} and resolved_at is null`;
    expect(open).toHaveLength(0);
  });
});

describe("call activity and usage", () => {
  it("the paid account reads 195 of 200 minutes used and its three calls", async () => {
    const paid = SEED.users.paid.id;
    const [usage] = await database.asUser(
      paid,
      (tx) => tx`select plan_kind, minutes_used, minutes_remaining from public.ultaura_account_usage`,
    );
    expect(usage).toEqual({ plan_kind: "paid", minutes_used: 195, minutes_remaining: 5 });
    const calls = await database.asUser(paid, (tx) => tx`select id from public.ultaura_call_sessions`);
    expect(calls).toHaveLength(3);
  });

  it("the low account has 1 of its 20 trial minutes left; demo has all 20", async () => {
    const [low] = await database.asUser(
      SEED.users.low.id,
      (tx) => tx`select minutes_used, minutes_remaining from public.ultaura_account_usage`,
    );
    expect(low).toEqual({ minutes_used: 19, minutes_remaining: 1 });
    const [demo] = await database.asUser(
      DEMO,
      (tx) => tx`select minutes_remaining from public.ultaura_account_usage`,
    );
    expect(demo).toEqual({ minutes_remaining: 20 });
  });
});

describe("writes members must never make", () => {
  const refusals: [string, string][] = [
    ["account status", `update public.ultaura_accounts set status = 'active' where id = '${A}'`],
    ["account minutes", `update public.ultaura_accounts set minutes_included = 100000 where id = '${A}'`],
    ["account plan", `update public.ultaura_accounts set plan_id = 'family' where id = '${A}'`],
    [
      "stripe customer id",
      `update public.ultaura_accounts set stripe_customer_id = 'cus_x' where id = '${A}'`,
    ],
    ["line verification", `update public.ultaura_lines set phone_verified_at = now() where id = '${ROSE}'`],
    ["line status", `update public.ultaura_lines set status = 'disabled' where id = '${ROSE}'`],
    ["line moved to another account", `update public.ultaura_lines set account_id = '${SEED.accounts.paid}'`],
    ["safety tier", "update public.ultaura_safety_events set tier = 'low'"],
    ["memory privacy", "update public.ultaura_memories set private = false"],
    ["wrapped keys", "select wrapped_key from public.ultaura_account_keys"],
    ["ledger", "update public.ultaura_minute_ledger set billable_minutes = 0"],
    ["call events", "select payload from public.ultaura_call_events"],
  ];
  it.each(refusals)("%s", async (_what, query) => {
    expect(await database.attempt(MEMBER, query)).toMatchObject({ ok: false, code: "42501" });
  });

  it("a private memory cannot be deleted by the family", async () => {
    const outcome = await database.attempt(
      MEMBER,
      `delete from public.ultaura_memories where id = '${SEED.memories.rosePrivate}'`,
    );
    expect(outcome).toMatchObject({ ok: true, count: 0 });
  });

  it("a safety acknowledgement is recorded in the member's own name", async () => {
    const [event] = await database.db.sql`
      insert into public.ultaura_safety_events (account_id, line_id, tier, source) values (${A}, ${ROSE}, 'high', 'model')
      returning id`;
    await database.asUser(
      DEMO,
      (tx) => tx`update public.ultaura_safety_events set acknowledged_at = now() where id = ${event?.id}`,
    );
    const [row] = await database.db
      .sql`select acknowledged_by from public.ultaura_safety_events where id = ${event?.id}`;
    expect(row?.acknowledged_by).toBe(DEMO);
  });
});
