import type { Tx } from "../../functions/_shared/platform/db.ts";
import { SEED } from "../../supabase/seed-ids.ts";

/**
 * Rows the seed does not give the demo account but the RLS matrix needs to attack: one of each kind,
 * owned by demo (the victim). Ids fixed so the matrix can name them.
 */
export const FIXTURE = {
  callSession: "c1000000-0000-4000-8000-000000000001",
  callSessionUnbilled: "c1000000-0000-4000-8000-000000000002",
  ledger: "c2000000-0000-4000-8000-000000000001",
  verification: "c3000000-0000-4000-8000-000000000001",
  safetyEvent: "c4000000-0000-4000-8000-000000000001",
  optOut: "c5000000-0000-4000-8000-000000000001",
  subscription: "c6000000-0000-4000-8000-000000000001",
  stripeEvent: "evt_fixture_1",
  nonce: "f1c7a0e5f1c7a0e5f1c7a0e5f1c7a0e5",
  invite: "c7000000-0000-4000-8000-000000000001",
  message: "ca000000-0000-4000-8000-000000000001",
  notification: "c8000000-0000-4000-8000-000000000001",
  memberAlert: "c8000000-0000-4000-8000-000000000002",
  pause: "c9000000-0000-4000-8000-000000000001",
  reminder: "ca000000-0000-4000-8000-000000000001",
} as const;

const A = SEED.accounts.demo;
const L = SEED.lines.rose;

export async function insertVictimFixtures(tx: Tx): Promise<void> {
  // Family plan, so the member matrix can add lines.
  await tx`update public.ultaura_accounts set plan_id = 'family', status = 'active' where id = ${A}`;
  await tx`
    insert into public.ultaura_subscriptions (id, account_id, plan_id, stripe_subscription_id, status)
    values (${FIXTURE.subscription}, ${A}, 'family', 'sub_fixture_demo', 'active')`;
  await tx`
    insert into public.ultaura_call_sessions (id, account_id, line_id, direction, status, twilio_call_sid, seconds_connected)
    values (${FIXTURE.callSession}, ${A}, ${L}, 'outbound', 'completed', 'CAfixture0000000000000000000000001', 90),
      (${FIXTURE.callSessionUnbilled}, ${A}, ${L}, 'inbound', 'in_progress', 'CAfixture0000000000000000000000002', null)`;
  await tx`insert into public.ultaura_call_events (call_session_id, type, payload)
    values (${FIXTURE.callSession}, 'status.completed', '{}')`;
  await tx`
    insert into public.ultaura_minute_ledger
      (id, account_id, line_id, call_session_id, seconds_connected, billable_minutes, billable_type, cycle_start)
    select ${FIXTURE.ledger}, ${A}, ${L}, ${FIXTURE.callSession}, 90, 2, 'trial', cycle_start
    from public.ultaura_accounts where id = ${A}`;
  await tx`insert into public.ultaura_phone_verifications (id, account_id, line_id, phone_e164, channel)
    values (${FIXTURE.verification}, ${A}, ${L}, '+15555550100', 'sms')`;
  await tx`insert into public.ultaura_safety_events (id, account_id, line_id, call_session_id, tier, source, signals)
    values (${FIXTURE.safetyEvent}, ${A}, ${L}, ${FIXTURE.callSession}, 'medium', 'model', '{lonely}')`;
  await tx`insert into public.ultaura_opt_outs (id, account_id, line_id, source, call_session_id)
    values (${FIXTURE.optOut}, ${A}, ${L}, 'dtmf', ${FIXTURE.callSession})`;
  // An unused second data key, so key rows can be deleted in the matrix without orphaning memories.
  await tx`insert into public.ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
    values (${A}, 2, decode(repeat('ab', 48), 'hex'), decode(repeat('cd', 12), 'hex'), 1)`;
  await tx`insert into public.ultaura_stripe_events (id, type, stripe_created_at)
    values (${FIXTURE.stripeEvent}, 'customer.subscription.updated', now())`;
  await tx`insert into public.ultaura_schedule_runs (schedule_id, account_id, line_id, occurrence_at, due_at)
    values (${SEED.scheduleRoseDaily}, ${A}, ${L}, now() + interval '1 day', now() + interval '1 day')`;
  await tx`insert into public.ultaura_dial_pacing (bucket, tokens, refilled_at) values ('twilio', 1, now())`;
  await tx`insert into public.ultaura_billing_notices (account_id, kind, cycle_start)
    values (${A}, 'payment_failed', now())`;
  await tx`insert into public.ultaura_closed_accounts (account_id, calls, seconds_connected, billable_minutes, overage_minutes)
    values (${A}, 1, 60, 1, 0)`;
  await tx`insert into public.ultaura_bridge_request_nonces (nonce, purpose, expires_at)
    values (${FIXTURE.nonce}, 'bridge', now() + interval '5 minutes')`;
  await tx`insert into public.ultaura_account_invites (id, account_id, email, token_hash, invited_by)
    values (${FIXTURE.invite}, ${A}, 'sibling@example.com', ${"ab".repeat(32)}, ${SEED.users.demo.id})`;
  await tx`insert into public.ultaura_reminders (id, account_id, line_id, text, kind, days_of_week, times, timezone)
    values (${FIXTURE.reminder}, ${A}, ${L}, 'Blood pressure pill', 'medication', '{1,3}', '{08:00}', 'America/Los_Angeles')`;
  await tx`insert into public.ultaura_reminder_occurrences (reminder_id, account_id, line_id, occurrence_at, due_at)
    values (${FIXTURE.reminder}, ${A}, ${L}, now() - interval '1 hour', now() - interval '1 hour')`;
  await tx`insert into public.ultaura_line_notices (account_id, line_id, kind, old_phone_e164, new_phone_e164)
    values (${A}, ${SEED.lines.rose}, 'number_changed', '+15555550100', '+15555550177')`;
  // The trial minutes of Rose's number (0036), keyed as the ledger trigger keys them (the seed's calls made the row).
  await tx`insert into public.ultaura_trial_numbers (number_key, minutes_used)
    select public.ultaura_trial_number_key(phone_e164), 5 from public.ultaura_lines where id = ${SEED.lines.rose}
    on conflict (number_key) do update set minutes_used = 5`;
  // Sealed bytes are never opened here: the matrix attacks rows, not ciphertext.
  await tx`insert into public.ultaura_call_insights (call_session_id, account_id, line_id, source, mood, ciphertext, iv, key_version)
    values (${FIXTURE.callSession}, ${A}, ${L}, 'model', 4, decode(repeat('ab', 40), 'hex'), decode(repeat('cd', 12), 'hex'), 1)`;
  await tx`insert into public.ultaura_line_messages (id, account_id, line_id, sender_user_id, sender_name, body)
    values (${FIXTURE.message}, ${A}, ${L}, ${SEED.users.demo.id}, 'Anna', 'Visiting Sunday')`;
  // The care circle (0038): the demo user's settings and an alert of theirs, a notice, texts, a pause.
  await tx`insert into public.ultaura_member_notification_settings (user_id, phone_e164, kinds)
    values (${SEED.users.demo.id}, '+15555550188', '{missed_calls}')`;
  await tx`insert into public.ultaura_notifications (id, account_id, kind, subject_key, line_id)
    values (${FIXTURE.notification}, ${A}, 'missed_calls', 'fixture', ${L})`;
  await tx`insert into public.ultaura_member_alerts (id, notification_id, account_id, user_id, kind, line_id, body)
    values (${FIXTURE.memberAlert}, ${FIXTURE.notification}, ${A}, ${SEED.users.demo.id}, 'missed_calls', ${L},
      'Rose did not answer.')`;
  await tx`insert into public.ultaura_sms_log (phone_e164, kind) values ('+15555550188', 'missed_calls')`;
  await tx`insert into public.ultaura_sms_opt_outs (phone_e164, kind) values ('+15555550188', 'billing')`;
  await tx`insert into public.ultaura_line_pauses (id, account_id, line_id, starts_on, ends_on)
    values (${FIXTURE.pause}, ${A}, ${L}, current_date + 30, current_date + 37)`;
}
