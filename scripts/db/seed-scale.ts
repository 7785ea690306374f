import postgres from "postgres";
import { hashPassword } from "../../functions/_local/auth/password.ts";
import { bytesToBase64 } from "../../functions/_shared/platform/crypto/bytes.ts";
import { createDataKey, encryptMemoryText } from "../../functions/_shared/platform/crypto/envelope.ts";
import type { Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";

/**
 * The scale seed: N families shaped like real ones, a year of history each, written by set-based SQL
 * (`insert … select generate_series`) in chunks of families so 10,000 families take minutes.
 *
 * Every choice (members, lines, schedules, call outcomes, which calls raised a memory or an alert) comes
 * from `hashtext` of the seed number and the row's coordinates, so the same seed gives the same families.
 * Memories are encrypted by the application's envelope code with one data key per account; their IVs
 * are random, so only the ciphertext bytes differ between two runs.
 *
 * The bulk tables are written with `session_replication_role = replica` (the seeding connection must be
 * a superuser): their triggers only keep live-traffic bookkeeping (notices, settle, touch) and the rows
 * written here are consistent by construction. Accounts, lines and schedules keep their triggers.
 */
export interface ScaleSeedOptions {
  families: number;
  seed: number;
  keyring: Keyring;
  /** Password every seeded member signs in with (hashed once; every user shares the hash). */
  password: string;
  /** Families per chunk of the bulk statements. */
  chunk?: number;
  log?: (line: string) => void;
}

export interface ScaleFamily {
  index: number;
  accountId: string;
  email: string;
}

/** Accounts of the scale seed are named so; the bench finds them by this prefix. */
export const SCALE_ACCOUNT_PREFIX = "Scale family ";

/** The e-mail of member `member` (1-based) of family `family` of seed `seed`. */
export function scaleEmail(seed: number, family: number, member: number): string {
  return `scale-${seed}-${family}-${member}@ultaura.local`;
}

const MEMORY_TEXTS = [
  "Talked about the garden: the tomatoes are late this year",
  "Her granddaughter Emma starts university in the autumn",
  "Enjoys the radio quiz on Sunday afternoons",
  "Walked to the bakery with a neighbour this morning",
  "Misses playing cards with the Thursday group",
  "Prefers tea with honey, never sugar",
  "Son Michael visits on the first weekend of the month",
  "Worried about the stairs after the rain",
  "Is reading a mystery novel set in Venice",
  "Had a good check-up at the doctor's",
] as const;
const MEMORY_KINDS = ["fact", "preference", "person", "event", "health_note", "call_summary"] as const;

export async function seedScale(databaseUrl: string, options: ScaleSeedOptions): Promise<void> {
  const { families, seed, keyring } = options;
  const chunk = options.chunk ?? 250;
  const log = options.log ?? (() => {});
  if (!Number.isInteger(families) || families < 1) throw new Error("--families must be a positive integer");
  if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a non-negative integer");
  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [existing] =
      await sql`select 1 from public.ultaura_accounts where name like ${`${SCALE_ACCOUNT_PREFIX}%`} limit 1`;
    if (existing) throw new Error("this database already holds a scale seed: seed a fresh database");
    await sql.unsafe(helpers(seed));
    await sql`set synchronous_commit = off`;
    const passwordHash = await hashPassword(options.password);
    const started = performance.now();
    for (const statement of familyStatements(families, seed, passwordHash)) await sql.unsafe(statement);
    log(`families, members, lines and schedules: ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const keys = await accountKeys(sql, keyring);
    const indexes = await dropSecondaryIndexes(sql);
    for (let lo = 1; lo <= families; lo += chunk) {
      const hi = Math.min(families, lo + chunk - 1);
      const t = performance.now();
      await sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx.unsafe(CALLS_TABLE);
        for (const statement of history(lo, hi)) await tx.unsafe(statement);
        await insertMemories(tx, keys);
      });
      log(`families ${lo}–${hi}: a year of history in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const t = performance.now();
    await sql`set maintenance_work_mem = '256MB'`;
    for (const definition of indexes) await sql.unsafe(definition);
    log(`${indexes.length} secondary indexes rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await sql`analyze`;
    log(`scale seed of ${families} families done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const BULK_TABLES = [
  "ultaura_call_sessions",
  "ultaura_call_events",
  "ultaura_minute_ledger",
  "ultaura_schedule_runs",
  "ultaura_safety_events",
  "ultaura_memories",
];

/**
 * Indexes of the bulk tables that back no constraint are dropped while the history is written and built
 * again from their own definitions afterwards (a sorted build instead of millions of random inserts).
 * A seed that fails midway leaves them missing: seed a fresh database again.
 */
async function dropSecondaryIndexes(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ name: string; definition: string }[]>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = 'public' and i.tablename = any(${BULK_TABLES})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const row of rows) await sql.unsafe(`drop index public."${row.name}"`);
  return rows.map((row) => row.definition);
}

/** `pg_temp` helpers (this connection only): a seeded hash and the seed's families and lines. */
function helpers(seed: number): string {
  return `
    create function pg_temp.h(key text) returns bigint language sql immutable
      as $$ select abs(hashtext('${seed}:' || key)::bigint) $$;
    create function pg_temp.uid(key text) returns uuid language sql immutable
      as $$ select overlay(overlay(md5('scale:${seed}:' || key) placing '4' from 13) placing '8' from 17)::uuid $$;`;
}

/*
  Families: 1–4 members (the first owns the account), 1–3 lines (the plan that allows them), 1–3
  schedules a line: daily, weekdays, weekends, at a time between 09:00 and 18:45 in the line's zone.
*/
function familyStatements(families: number, seed: number, passwordHash: string): string[] {
  if (!/^[A-Za-z0-9$+/=-]+$/.test(passwordHash)) throw new Error("unexpected password hash format");
  return `
  create temp table scale_families as
    select f, pg_temp.uid('a:' || f) as account_id, 1 + pg_temp.h('m:' || f) % 4 as members,
      1 + pg_temp.h('l:' || f) % 3 as lines
    from generate_series(1, ${families}) f;
  create temp table scale_lines as
    select s.f, l, s.account_id, pg_temp.uid('l:' || s.f || ':' || l) as line_id,
      1 + pg_temp.h('s:' || s.f || ':' || l) % 3 as schedules,
      (array['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'])
        [1 + pg_temp.h('tz:' || s.f || ':' || l) % 4] as timezone
    from scale_families s, generate_series(1, s.lines) l;
  create index on scale_lines (f);

  insert into auth.users (id, email, encrypted_password, email_confirmed_at, created_at)
  select pg_temp.uid('u:' || f || ':' || m), 'scale-${seed}-' || f || '-' || m || '@ultaura.local',
    '${passwordHash}', now() - interval '400 days', now() - interval '400 days'
  from scale_families, generate_series(1, members) m;

  insert into public.ultaura_accounts
    (id, name, status, plan_id, minutes_included, cycle_start, cycle_end, created_by, created_at)
  select account_id, '${SCALE_ACCOUNT_PREFIX}' || f, 'active', p.id, p.minutes_included,
    date_trunc('month', now()), date_trunc('month', now()) + interval '1 month',
    pg_temp.uid('u:' || f || ':1'), now() - interval '400 days'
  from scale_families
  join public.ultaura_plans p on p.id = (array['care', 'comfort', 'family'])[lines];

  insert into public.ultaura_account_members (account_id, user_id, role, created_at)
  select account_id, pg_temp.uid('u:' || f || ':' || m),
    (case when m = 1 then 'owner' else 'member' end)::public.ultaura_member_role, now() - interval '400 days'
  from scale_families, generate_series(1, members) m;

  insert into public.ultaura_lines (id, account_id, display_name, phone_e164, phone_verified_at, timezone,
    language, quiet_hours_start, quiet_hours_end, interests, created_at)
  select line_id, account_id,
    (array['Rose', 'Walter', 'Maria', 'Harold', 'Edith', 'Jorge', 'Agnes', 'Frank'])[1 + pg_temp.h('n:' || line_id) % 8],
    '+1555' || lpad((f * 3 + l)::text, 7, '0'), now() - interval '399 days', timezone,
    case when pg_temp.h('lang:' || line_id) % 10 = 0 then 'es-US' else 'en-US' end,
    case when pg_temp.h('q:' || line_id) % 2 = 0 then time '21:00' end,
    case when pg_temp.h('q:' || line_id) % 2 = 0 then time '08:00' end,
    '{gardening,radio}', now() - interval '399 days'
  from scale_lines;

  insert into public.ultaura_schedules (id, account_id, line_id, days_of_week, time_of_day, timezone, created_at)
  select pg_temp.uid('s:' || line_id || ':' || j), account_id, line_id,
    (array['{0,1,2,3,4,5,6}', '{1,2,3,4,5}', '{0,6}'])[j]::smallint[],
    make_time(9 + (pg_temp.h('t:' || line_id || ':' || j) % 10)::int, (15 * (pg_temp.h('mm:' || line_id || ':' || j) % 4))::int, 0),
    timezone, now() - interval '399 days'
  from scale_lines, generate_series(1, schedules) j`
    .split(/;\n/)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/*
  A year of history per line for families lo..hi: about one call a day (one day in twenty has none), 85 %
  placed by the line's first schedule; 78 % answered, then no answer, busy, failed, voicemail. Each call
  has its status events, each connected call a ledger row, each scheduled call its run, one call in
  thirty a safety event.
*/
const CALLS_TABLE = `create temp table if not exists scale_calls (
  id uuid, account_id uuid, line_id uuid, schedule_id uuid, sid text, r bigint, created_at timestamptz,
  outcome int, seconds int) on commit delete rows`;

const history = (lo: number, hi: number) => [
  `insert into scale_calls
   select pg_temp.uid('c:' || line_id || ':' || d), account_id, line_id,
     case when pg_temp.h('dir:' || line_id || ':' || d) % 100 < 85 then pg_temp.uid('s:' || line_id || ':1') end,
     'CA' || md5('sid:' || line_id || ':' || d), pg_temp.h('r:' || line_id || ':' || d),
     date_trunc('day', now() - make_interval(days => 366 - d)) + make_interval(mins => (540 + pg_temp.h('at:' || line_id || ':' || d) % 600)::int),
     (pg_temp.h('o:' || line_id || ':' || d) % 100)::int,
     (60 + pg_temp.h('len:' || line_id || ':' || d) % 1140)::int
   from scale_lines, generate_series(0, 364) d
   where f between ${lo} and ${hi} and pg_temp.h('skip:' || line_id || ':' || d) % 20 <> 0`,
  `insert into public.ultaura_call_sessions (id, account_id, line_id, direction, status, twilio_call_sid,
     from_e164, to_e164, schedule_id, answered_by, created_at, started_at, answered_at, ended_at,
     seconds_connected, end_reason, last_status_sequence, updated_at, caller_trust)
   select c.id, c.account_id, c.line_id,
     (case when c.schedule_id is null then 'inbound' else 'outbound' end)::public.ultaura_call_direction,
     (case when c.outcome < 78 or c.outcome >= 92 then 'completed' when c.outcome < 86 then 'no_answer'
       when c.outcome < 90 then 'busy' else 'failed' end)::public.ultaura_call_status,
     c.sid, '+15555550199', l.phone_e164, c.schedule_id,
     (case when c.outcome < 78 then 'human' when c.outcome >= 92 then 'machine' end)::public.ultaura_answered_by,
     c.created_at, c.created_at + interval '2 seconds',
     case when c.outcome < 78 or c.outcome >= 92 then c.created_at + interval '12 seconds' end,
     c.created_at + interval '12 seconds' + make_interval(secs => case when c.outcome < 78 then c.seconds when c.outcome >= 92 then 30 else 18 end),
     case when c.outcome < 78 then c.seconds when c.outcome >= 92 then 30 else 0 end,
     (case when c.outcome < 78 then (case when c.r % 2 = 0 then 'caller_hangup' else 'assistant_goodbye' end)
       when c.outcome < 86 then 'no_answer' when c.outcome < 90 then 'busy' when c.outcome < 92 then 'failed'
       else 'voicemail' end)::public.ultaura_call_end_reason,
     3, c.created_at + interval '1 hour', 'attested'
   from scale_calls c join public.ultaura_lines l on l.id = c.line_id`,
  `insert into public.ultaura_call_events (call_session_id, twilio_call_sid, type, payload, dedupe_key, created_at)
   select c.id, c.sid, 'twilio.status', jsonb_build_object('CallStatus', e.status, 'SequenceNumber', e.n - 1),
     c.sid || ':' || e.status, c.created_at + make_interval(secs => e.n * 4)
   from scale_calls c,
     unnest(case when c.outcome < 78 or c.outcome >= 92 then array['initiated', 'ringing', 'in-progress', 'completed']
       when c.outcome < 86 then array['initiated', 'ringing', 'no-answer']
       when c.outcome < 90 then array['initiated', 'busy'] else array['initiated', 'failed'] end)
       with ordinality e(status, n)`,
  `insert into public.ultaura_minute_ledger (account_id, line_id, call_session_id, seconds_connected,
     billable_minutes, billable_type, cycle_start, cycle_end, stripe_identifier, created_at)
   select c.account_id, c.line_id, c.id, s.seconds, ceil(s.seconds / 60.0)::int, 'included',
     date_trunc('month', c.created_at), date_trunc('month', c.created_at) + interval '1 month',
     'ultaura-ledger-' || c.id, c.created_at + interval '12 seconds' + make_interval(secs => s.seconds)
   from scale_calls c
   -- The connected seconds as the sessions' insert computes them, from this chunk's calls alone: joining
   -- ultaura_call_sessions hashed the whole table, every chunk before this one included, each time.
   cross join lateral (select case when c.outcome < 78 then c.seconds when c.outcome >= 92 then 30 else 0 end as seconds) s
   where s.seconds > 0`,
  `insert into public.ultaura_schedule_runs (id, schedule_id, account_id, line_id, occurrence_at, attempt, due_at,
     state, result, outcome, call_session_id, claimed_at, created_at, updated_at)
   select pg_temp.uid('run:' || c.id), c.schedule_id, c.account_id, c.line_id, c.created_at, 0, c.created_at,
     'done',
     (case when c.outcome < 78 then 'completed' when c.outcome < 86 then 'no_answer' when c.outcome < 90 then 'busy'
       when c.outcome < 92 then 'failed' else 'voicemail' end)::public.ultaura_schedule_result,
     case when c.outcome < 78 or c.outcome >= 92 then 'reached' else 'missed' end,
     c.id, c.created_at, c.created_at, c.created_at + interval '30 minutes'
   from scale_calls c where c.schedule_id is not null`,
  `insert into public.ultaura_safety_events (id, account_id, line_id, call_session_id, tier, source, signals,
     action_taken, contacts_notified_at, acknowledged_at, created_at)
   select pg_temp.uid('safety:' || c.id), c.account_id, c.line_id, c.id, t.tier, 'model', t.signals, t.action,
     case when t.tier in ('high', 'emergency') then c.created_at + interval '3 minutes' end,
     case when c.created_at < now() - interval '7 days' then c.created_at + interval '2 hours' end,
     c.created_at + interval '2 minutes'
   from scale_calls c
   cross join lateral (
     select (array['low', 'low', 'low', 'medium', 'medium', 'high', 'emergency'])[1 + c.r % 7]::public.ultaura_safety_tier as tier,
       (array['{lonely}', '{lonely}', '{sad}', '{hopeless}', '{pain}', '{fall}', '{chest_pain}'])[1 + c.r % 7]::text[] as signals,
       (array['checked_in', 'checked_in', 'checked_in', 'checked_in_988', 'checked_in_988', 'asked_if_safe', 'urged_911'])[1 + c.r % 7] as action
   ) t
   where c.outcome < 78 and pg_temp.h('alert:' || c.id) % 30 = 0`,
];

interface MemoryPlan {
  id: string;
  account_id: string;
  line_id: string;
  call_id: string;
  created_at: Date;
  r: string;
}

/** One data key per account (the application's own wrapping), kept in memory to encrypt its memories. */
async function accountKeys(sql: postgres.Sql, keyring: Keyring): Promise<Map<string, CryptoKey>> {
  const accounts = await sql<{ account_id: string }[]>`select account_id from scale_families order by f`;
  const keys = new Map<string, CryptoKey>();
  const rows: { account_id: string; wrapped_key: string; wrap_iv: string; kek_version: number }[] = [];
  for (const { account_id } of accounts) {
    const { key, wrapped } = await createDataKey(keyring, { accountId: account_id, keyVersion: 1 });
    keys.set(account_id, key);
    rows.push({
      account_id,
      wrapped_key: bytesToBase64(wrapped.wrappedKey),
      wrap_iv: bytesToBase64(wrapped.wrapIv),
      kek_version: wrapped.kekVersion,
    });
  }
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await sql`
      insert into public.ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
      select a, 1, decode(k, 'base64'), decode(v, 'base64'), n
      from unnest(${batch.map((r) => r.account_id)}::uuid[], ${batch.map((r) => r.wrapped_key)}::text[],
        ${batch.map((r) => r.wrap_iv)}::text[], ${batch.map((r) => r.kek_version)}::int[]) as t(a, k, v, n)`;
  }
  return keys;
}

/** One answered call in five left a memory (one in ten of them private), encrypted as the bridge would. */
async function insertMemories(tx: postgres.TransactionSql, keys: Map<string, CryptoKey>) {
  const plan = await tx<MemoryPlan[]>`
    select pg_temp.uid('mem:' || c.id) as id, c.account_id, c.line_id, c.id as call_id,
      c.created_at + interval '5 minutes' as created_at, pg_temp.h('memtext:' || c.id)::text as r
    from scale_calls c
    where c.outcome < 78 and pg_temp.h('mem:' || c.id) % 5 = 0`;
  if (plan.length === 0) return;
  const columns = {
    id: [],
    account: [],
    line: [],
    call: [],
    kind: [],
    text: [],
    iv: [],
    priv: [],
    at: [],
  } as {
    id: string[];
    account: string[];
    line: string[];
    call: string[];
    kind: string[];
    text: string[];
    iv: string[];
    priv: boolean[];
    at: Date[];
  };
  for (const row of plan) {
    const r = Number(row.r);
    const kind = MEMORY_KINDS[r % MEMORY_KINDS.length] as string;
    const isPrivate = r % 10 === 0;
    const key = keys.get(row.account_id);
    if (!key) throw new Error(`no data key for account ${row.account_id}`);
    const sealed = await encryptMemoryText(key, MEMORY_TEXTS[r % MEMORY_TEXTS.length] as string, {
      accountId: row.account_id,
      lineId: row.line_id,
      memoryId: row.id,
      kind,
      private: isPrivate,
    });
    columns.id.push(row.id);
    columns.account.push(row.account_id);
    columns.line.push(row.line_id);
    columns.call.push(row.call_id);
    columns.kind.push(kind);
    columns.text.push(bytesToBase64(sealed.ciphertext));
    columns.iv.push(bytesToBase64(sealed.iv));
    columns.priv.push(isPrivate);
    columns.at.push(row.created_at);
  }
  await tx`
    insert into public.ultaura_memories (id, account_id, line_id, kind, ciphertext, iv, key_version, private,
      source_call_session_id, created_at, updated_at, phone_e164)
    -- The number the memory was told on (0026): the line's, as bulk writes skip the trigger that sets it.
    select m.id, a, l, k::public.ultaura_memory_kind, decode(t, 'base64'), decode(v, 'base64'), 1, p::boolean, c,
      at, at, line.phone_e164
    from unnest(${columns.id}::uuid[], ${columns.account}::uuid[], ${columns.line}::uuid[], ${columns.kind}::text[],
      ${columns.text}::text[], ${columns.iv}::text[], ${columns.priv.map(String)}::text[], ${columns.call}::uuid[],
      ${columns.at.map((d) => d.toISOString())}::timestamptz[]) as m(id, a, l, k, t, v, p, c, at)
    join public.ultaura_lines line on line.id = m.l`;
}
