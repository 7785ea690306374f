/*
  seed.sql — local and test data. Ids are fixed (supabase/seed-ids.ts exports them). Idempotent: every
  insert skips rows that exist. Memories are not here: their ciphertext needs the KEK, so
  scripts/db/seed-memories.ts adds them after this file runs.

  demo@ultaura.local  trial "Demo Family"; line Rose +15555550100 (verified, America/Los_Angeles), calls
                      and memory consent, a daily 10:00 schedule, a trusted contact opted in to alerts.
  low@ultaura.local   trial with 19 of its 20 minutes used; line +15555550101 (verified).
  paid@ultaura.local  care plan, 195 of 200 minutes used this cycle; line +15555550102 (verified).
*/

insert into auth.users (id, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data) values
  ('10000000-0000-4000-8000-000000000001', 'demo@ultaura.local', now(),
   '{"provider": "email", "providers": ["email"]}', '{"full_name": "Dana Demo"}'),
  ('10000000-0000-4000-8000-000000000002', 'low@ultaura.local', now(),
   '{"provider": "email", "providers": ["email"]}', '{"full_name": "Lee Low"}'),
  ('10000000-0000-4000-8000-000000000003', 'paid@ultaura.local', now(),
   '{"provider": "email", "providers": ["email"]}', '{"full_name": "Pat Paid"}')
on conflict (id) do nothing;

insert into public.ultaura_accounts
  (id, name, status, plan_id, minutes_included, cycle_start, cycle_end, stripe_customer_id, created_by) values
  ('20000000-0000-4000-8000-000000000001', 'Demo Family', 'trial', 'free_trial', 20,
   now() - interval '2 days', null, null, '10000000-0000-4000-8000-000000000001'),
  ('20000000-0000-4000-8000-000000000002', 'Low Minutes Family', 'trial', 'free_trial', 20,
   now() - interval '5 days', null, null, '10000000-0000-4000-8000-000000000002'),
  ('20000000-0000-4000-8000-000000000003', 'Paid Family', 'active', 'care', 200,
   -- UTC midnight ten days ago, a calendar month long: the Stripe simulator seeds the same period (in UTC).
   date_trunc('day', now(), 'UTC') - interval '10 days',
   ((date_trunc('day', now(), 'UTC') - interval '10 days') at time zone 'UTC' + interval '1 month') at time zone 'UTC',
   'cus_seed_paid', '10000000-0000-4000-8000-000000000003')
on conflict (id) do nothing;

insert into public.ultaura_account_members (account_id, user_id, role) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'owner'),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002', 'owner'),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000003', 'owner')
on conflict do nothing;

insert into public.ultaura_subscriptions
  (id, account_id, plan_id, billing_interval, stripe_subscription_id, status, current_period_start, current_period_end)
select '90000000-0000-4000-8000-000000000001', a.id, 'care', 'month', 'sub_seed_paid', 'active', a.cycle_start, a.cycle_end
from public.ultaura_accounts a where a.id = '20000000-0000-4000-8000-000000000003'
on conflict (id) do nothing;

-- `where not exists` rather than `on conflict`: the plan's line-cap trigger runs before conflict detection.
insert into public.ultaura_lines
  (id, account_id, display_name, preferred_name, phone_e164, phone_verified_at, timezone, language,
   quiet_hours_start, quiet_hours_end, interests, topics_to_avoid)
select v.id::uuid, v.account_id::uuid, v.display_name, v.preferred_name, v.phone_e164, v.verified_at,
  v.timezone, v.language, v.quiet_start::time, v.quiet_end::time, v.interests::text[], v.topics::text[]
from (values
  ('30000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'Rose', 'Rosie',
   '+15555550100', now() - interval '2 days', 'America/Los_Angeles', 'en-US', '21:00', '08:00',
   '{gardening,"old films",grandchildren}', '{politics}'),
  ('30000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', 'Walter', null,
   '+15555550101', now() - interval '5 days', 'America/New_York', 'en-US', null, null, '{}', '{}'),
  ('30000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000003', 'Maria', null,
   '+15555550102', now() - interval '40 days', 'America/Chicago', 'es-US', '20:00', '09:00', '{cooking}', '{}')
) as v(id, account_id, display_name, preferred_name, phone_e164, verified_at, timezone, language, quiet_start,
  quiet_end, interests, topics)
where not exists (select 1 from public.ultaura_lines l where l.id = v.id::uuid);

insert into public.ultaura_trusted_contacts
  (id, account_id, line_id, name, phone_e164, relationship, notify_on, alerts_opted_in_at) values
  ('50000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '30000000-0000-4000-8000-000000000001', 'Daniel', '+15555550199', 'son', '{medium,high}', now() - interval '2 days')
on conflict (id) do nothing;

insert into public.ultaura_consents
  (id, account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id, note) values
  ('80000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '30000000-0000-4000-8000-000000000001', 'ai_calls', true, 'web', '10000000-0000-4000-8000-000000000001',
   null, 'Rose agreed to daily calls'),
  ('80000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001',
   '30000000-0000-4000-8000-000000000001', 'memory', true, 'voice', null, null, 'Said yes on her first call'),
  ('80000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001',
   '30000000-0000-4000-8000-000000000001', 'trusted_contact_alerts', true, 'web',
   '10000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000001', 'Daniel agreed to safety texts'),
  ('80000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000002',
   '30000000-0000-4000-8000-000000000002', 'ai_calls', true, 'web', '10000000-0000-4000-8000-000000000002', null, null),
  ('80000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000003',
   '30000000-0000-4000-8000-000000000003', 'ai_calls', true, 'web', '10000000-0000-4000-8000-000000000003', null, null)
on conflict (id) do nothing;

insert into public.ultaura_schedules (id, account_id, line_id, days_of_week, time_of_day, timezone) values
  ('40000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '30000000-0000-4000-8000-000000000001', '{0,1,2,3,4,5,6}', '10:00', 'America/Los_Angeles')
on conflict (id) do nothing;

-- Past calls that used the minutes: low has 19 trial minutes, paid 60 + 65 + 70 = 195 included minutes.
insert into public.ultaura_call_sessions
  (id, account_id, line_id, direction, status, twilio_call_sid, from_e164, to_e164, created_at, started_at,
   answered_at, ended_at, seconds_connected, end_reason, answered_by)
select s.id::uuid, s.account_id::uuid, s.line_id::uuid, s.direction::public.ultaura_call_direction, 'completed',
  s.sid, s.from_e164, s.to_e164, s.started, s.started, s.started, s.started + make_interval(secs => s.seconds),
  s.seconds, 'caller_hangup', 'human'
from (values
  ('70000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000002',
   'inbound', 'CAseed00000000000000000000000001', '+15555550101', '+15555550000', now() - interval '1 day', 1140),
  ('70000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000003',
   'outbound', 'CAseed00000000000000000000000002', '+15555550000', '+15555550102', now() - interval '8 days', 3600),
  ('70000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000003',
   'outbound', 'CAseed00000000000000000000000003', '+15555550000', '+15555550102', now() - interval '5 days', 3900),
  ('70000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000003',
   'inbound', 'CAseed00000000000000000000000004', '+15555550102', '+15555550000', now() - interval '2 days', 4200)
) as s(id, account_id, line_id, direction, sid, from_e164, to_e164, started, seconds)
on conflict (id) do nothing;

insert into public.ultaura_minute_ledger
  (id, account_id, line_id, call_session_id, seconds_connected, billable_minutes, billable_type, cycle_start,
   cycle_end, stripe_identifier)
select l.id::uuid, a.id, l.line_id::uuid, l.session_id::uuid, l.seconds, ceil(l.seconds / 60.0)::integer,
  l.billable_type::public.ultaura_billable_type, a.cycle_start, a.cycle_end, 'ultaura-ledger-' || l.id
from (values
  ('71000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000002',
   '70000000-0000-4000-8000-000000000001', 1140, 'trial'),
  ('71000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000003',
   '70000000-0000-4000-8000-000000000002', 3600, 'included'),
  ('71000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000003',
   '70000000-0000-4000-8000-000000000003', 3900, 'included'),
  ('71000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000003',
   '70000000-0000-4000-8000-000000000004', 4200, 'included')
) as l(id, account_id, line_id, session_id, seconds, billable_type)
join public.ultaura_accounts a on a.id = l.account_id::uuid
on conflict (id) do nothing;
