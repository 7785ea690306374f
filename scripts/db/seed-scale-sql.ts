/**
 * The scale seed's statements (scripts/db/seed-scale.ts runs them). Every choice comes from `hashtext` of
 * the seed number and the row's coordinates (`pg_temp.h`), every id from `md5` of them (`pg_temp.uid`),
 * so the same seed gives the same rows.
 */

/** Accounts of the scale seed are named so; the benches find them by this prefix. */
export const SCALE_ACCOUNT_PREFIX = "Scale family ";

/**
 * `pg_temp` helpers (this connection only): a seeded hash and seeded ids. Written to be run by each of the
 * seed's connections even where they share one session (embedded PGlite serves every client from one).
 */
export function helpers(seed: number): string {
  return `
    create or replace function pg_temp.h(key text) returns bigint language sql immutable
      as $$ select abs(hashtext('${seed}:' || key)::bigint) $$;
    create or replace function pg_temp.uid(key text) returns uuid language sql immutable
      as $$ select overlay(overlay(md5('scale:${seed}:' || key) placing '4' from 13) placing '8' from 17)::uuid $$;`;
}

/*
  Families (temp tables every connection of the seed builds alike): 1–4 members (the first owns the account), 1–3 lines (the plan that allows them), 1–3
  schedules a line: daily, weekdays, weekends, at a time between 09:00 and 18:45 in the line's zone.
*/
export function familyTables(families: number): string[] {
  return `
  create temp table if not exists scale_families as
    select f, pg_temp.uid('a:' || f) as account_id, 1 + pg_temp.h('m:' || f) % 4 as members,
      1 + pg_temp.h('l:' || f) % 3 as lines
    from generate_series(1, ${families}) f;
  create temp table if not exists scale_lines as
    select s.f, l, s.account_id, pg_temp.uid('l:' || s.f || ':' || l) as line_id,
      '+1555' || lpad((s.f * 3 + l)::text, 7, '0') as phone,
      1 + pg_temp.h('s:' || s.f || ':' || l) % 3 as schedules,
      (array['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'])
        [1 + pg_temp.h('tz:' || s.f || ':' || l) % 4] as timezone
    from scale_families s, generate_series(1, s.lines) l;
  create index if not exists scale_lines_f on scale_lines (f)`
    .split(/;\n/)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/** The families' rows, from the temp tables of familyTables on the same connection. */
export function familyRows(seed: number, passwordHash: string): string[] {
  if (!/^[A-Za-z0-9$+/=-]+$/.test(passwordHash)) throw new Error("unexpected password hash format");
  return `
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
    phone, now() - interval '399 days', timezone,
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

/**
 * The calls of a chunk of families, one row each with every choice already drawn: `r` is one hash per call
 * whose digits pick the rarer things (hang-up side, safety tier, whether it left a memory or an alert).
 */
export const CALLS_TABLE = `create temp table if not exists scale_calls (
  id uuid, account_id uuid, line_id uuid, phone text, schedule_id uuid, sid text, r bigint,
  created_at timestamptz, outcome int, seconds int, connected int) on commit delete rows`;

/*
  A year of history per line for families lo..hi: about one call a day (one day in twenty has none), 85 %
  placed by the line's first schedule; 78 % answered, then no answer, busy, failed, voicemail. Each call
  has its status events, each connected call a ledger row, each scheduled call its run, one answered call
  in thirty a safety event.
*/
export const history = (lo: number, hi: number) => [
  // One md5 a line and day: its hex is the call's id and CallSid, and its 16-bit slices are the draws.
  `insert into scale_calls
   select c.*, case when c.outcome < 78 then c.seconds when c.outcome >= 92 then 30 else 0 end
   from (
     select overlay(overlay(m placing '4' from 13) placing '8' from 17)::uuid as id, account_id, line_id, phone,
       case when ('x' || substr(m, 1, 4))::bit(16)::int % 100 < 85 then pg_temp.uid('s:' || line_id || ':1') end,
       'CA' || m, ('x' || substr(m, 5, 8))::bit(32)::bigint,
       day + make_interval(mins => 540 + ('x' || substr(m, 21, 4))::bit(16)::int % 600),
       ('x' || substr(m, 25, 4))::bit(16)::int % 100 as outcome,
       60 + ('x' || substr(m, 29, 4))::bit(16)::int % 1140 as seconds
     from (
       select line_id, account_id, phone, date_trunc('day', now() - make_interval(days => 366 - d)) as day,
         md5(salt || d) as m
       from (select *, pg_temp.uid('c:' || line_id)::text as salt from scale_lines where f between ${lo} and ${hi} offset 0) l,
         generate_series(0, 364) d
       -- offset 0 keeps each md5 computed once a row: flattened, it was recomputed wherever a draw reads it.
       offset 0
     ) drawn
     where ('x' || substr(m, 17, 4))::bit(16)::int % 20 <> 0
   ) c`,
  `insert into public.ultaura_call_sessions (id, account_id, line_id, direction, status, twilio_call_sid,
     from_e164, to_e164, schedule_id, answered_by, created_at, started_at, answered_at, ended_at,
     seconds_connected, end_reason, last_status_sequence, updated_at, caller_trust)
   select c.id, c.account_id, c.line_id,
     (case when c.schedule_id is null then 'inbound' else 'outbound' end)::public.ultaura_call_direction,
     (case when c.outcome < 78 or c.outcome >= 92 then 'completed' when c.outcome < 86 then 'no_answer'
       when c.outcome < 90 then 'busy' else 'failed' end)::public.ultaura_call_status,
     c.sid, '+15555550199', c.phone, c.schedule_id,
     (case when c.outcome < 78 then 'human' when c.outcome >= 92 then 'machine' end)::public.ultaura_answered_by,
     c.created_at, c.created_at + interval '2 seconds',
     case when c.connected > 0 then c.created_at + interval '12 seconds' end,
     c.created_at + interval '12 seconds' + make_interval(secs => case when c.connected > 0 then c.connected else 18 end),
     c.connected,
     (case when c.outcome < 78 then (case when c.r % 2 = 0 then 'caller_hangup' else 'assistant_goodbye' end)
       when c.outcome < 86 then 'no_answer' when c.outcome < 90 then 'busy' when c.outcome < 92 then 'failed'
       else 'voicemail' end)::public.ultaura_call_end_reason,
     3, c.created_at + interval '1 hour', 'attested'
   from scale_calls c`,
  `insert into public.ultaura_call_events (call_session_id, twilio_call_sid, type, payload, dedupe_key, created_at)
   select c.id, c.sid, 'twilio.status', jsonb_build_object('CallStatus', e.status, 'SequenceNumber', e.n - 1),
     c.sid || ':' || e.status, c.created_at + make_interval(secs => e.n * 4)
   from scale_calls c,
     unnest(case when c.connected > 0 then array['initiated', 'ringing', 'in-progress', 'completed']
       when c.outcome < 86 then array['initiated', 'ringing', 'no-answer']
       when c.outcome < 90 then array['initiated', 'busy'] else array['initiated', 'failed'] end)
       with ordinality e(status, n)`,
  `insert into public.ultaura_minute_ledger (account_id, line_id, call_session_id, seconds_connected,
     billable_minutes, billable_type, cycle_start, cycle_end, stripe_identifier, created_at)
   select c.account_id, c.line_id, c.id, c.connected, ceil(c.connected / 60.0)::int, 'included',
     date_trunc('month', c.created_at), date_trunc('month', c.created_at) + interval '1 month',
     'ultaura-ledger-' || c.id, c.created_at + interval '12 seconds' + make_interval(secs => c.connected)
   from scale_calls c where c.connected > 0`,
  `insert into public.ultaura_schedule_runs (id, schedule_id, account_id, line_id, occurrence_at, attempt, due_at,
     state, result, outcome, call_session_id, claimed_at, created_at, updated_at)
   select pg_temp.uid('run:' || c.id), c.schedule_id, c.account_id, c.line_id, c.created_at, 0, c.created_at,
     'done',
     (case when c.outcome < 78 then 'completed' when c.outcome < 86 then 'no_answer' when c.outcome < 90 then 'busy'
       when c.outcome < 92 then 'failed' else 'voicemail' end)::public.ultaura_schedule_result,
     case when c.connected > 0 then 'reached' else 'missed' end,
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
   where c.outcome < 78 and c.r / 7 % 30 = 0`,
];

/** One answered call in five left a memory; its kind, text and privacy come from `r`'s higher digits. */
export const MEMORY_PLAN = `
  select pg_temp.uid('mem:' || c.id) as id, c.account_id, c.line_id, c.id as call_id, c.phone,
    c.created_at + interval '5 minutes' as created_at, (c.r / 1000)::int as r
  from scale_calls c
  where c.outcome < 78 and c.r / 210 % 5 = 0`;
