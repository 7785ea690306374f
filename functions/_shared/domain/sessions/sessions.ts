import type { PlanKind } from "../../contracts/bridge.ts";
import type { Tx } from "../../platform/db.ts";
import { type Language, languageOf } from "../copy/index.ts";

export interface CallerLine {
  lineId: string;
  accountId: string;
  /** How the AI and our messages address the person. */
  name: string;
  language: string;
  accountStatus: "trial" | "active" | "past_due" | "suspended" | "canceled";
  planKind: PlanKind;
  minutesRemaining: number;
}

/** Finds the verified, active line a caller is phoning from, with what the account allows. */
export async function findCallerLine(tx: Tx, fromE164: string): Promise<CallerLine | null> {
  const [row] = await tx<CallerLine[]>`
    select l.id as "lineId", l.account_id as "accountId", coalesce(l.preferred_name, l.display_name) as name,
           l.language, a.status as "accountStatus", u.plan_kind as "planKind", u.minutes_remaining as "minutesRemaining"
    from public.ultaura_lines l
    join public.ultaura_accounts a on a.id = l.account_id
    join public.ultaura_account_usage u on u.account_id = a.id
    where l.phone_e164 = ${fromE164} and l.phone_verified_at is not null and l.status = 'active'
  `;
  return row ?? null;
}

export interface NewInboundSession {
  accountId: string;
  lineId: string;
  callSid: string;
  from: string;
  to: string;
  /** Caller-ID attestation: Twilio's StirVerstat as received, and whether it made the caller trusted. */
  attestation?: CallerAttestation;
}

export interface CallerAttestation {
  verstat: string | null;
  trust: "attested" | "unattested";
}

/** Creates the session for an inbound call; a retried webhook for the same CallSid gets the same one. */
export async function createInboundSession(tx: Tx, session: NewInboundSession): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.ultaura_call_sessions
      (account_id, line_id, direction, status, twilio_call_sid, from_e164, to_e164, started_at,
       caller_verstat, caller_trust)
    values (${session.accountId}, ${session.lineId}, 'inbound', 'ringing', ${session.callSid}, ${session.from}, ${session.to}, now(),
      ${session.attestation?.verstat ?? null}, ${session.attestation?.trust ?? "unattested"})
    on conflict (twilio_call_sid) do update set updated_at = now()
    returning id
  `;
  if (!row) throw new Error("call session insert returned nothing");
  return row.id;
}

export interface CallEvent {
  callSessionId: string | null;
  callSid: string | null;
  type: string;
  payload?: Record<string, unknown>;
  /** Events with a key are recorded once, however often the webhook behind them is delivered. */
  dedupeKey?: string;
}

/** Appends to the call's event log; returns false when an event with the same dedupe key exists. */
export async function recordCallEvent(tx: Tx, event: CallEvent): Promise<boolean> {
  const rows = await tx`
    insert into public.ultaura_call_events (call_session_id, twilio_call_sid, type, payload, dedupe_key)
    values (${event.callSessionId}, ${event.callSid}, ${event.type}, ${tx.json((event.payload ?? {}) as never)}, ${event.dedupeKey ?? null})
    on conflict (dedupe_key) do nothing
    returning id
  `;
  return rows.length > 0;
}

/** The copy language of a line (its BCP-47 tag's language); English if the line is gone. */
export async function lineLanguage(tx: Tx, lineId: string): Promise<Language> {
  const [line] = await tx<{ language: string }[]>`
    select language from public.ultaura_lines where id = ${lineId}`;
  return languageOf(line?.language ?? "en");
}
