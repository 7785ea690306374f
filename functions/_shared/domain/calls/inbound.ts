import type { Tx } from "../../platform/db.ts";
import { allowanceFrom, includedAllowanceFrom, loadCycleMinutes } from "../billing/allowance.ts";
import {
  type CallerAttestation,
  type CallerLine,
  createInboundSession,
  findCallerLine,
  recordCallEvent,
} from "../sessions/sessions.ts";

export type InboundDecision =
  | { kind: "unknown_caller" }
  | { kind: "account_inactive"; line: CallerLine }
  | { kind: "trial_used_up"; line: CallerLine }
  | { kind: "spending_cap_reached"; line: CallerLine }
  | { kind: "unattested_limit"; line: CallerLine }
  | { kind: "connect"; line: CallerLine };

/**
 * Who gets through to the AI. A past-due account still gets its calls (the family is sorting out a card;
 * the person on the phone should not pay for that); suspended and cancelled ones do not.
 */
export function decideInbound(line: CallerLine | null): InboundDecision {
  if (!line) return { kind: "unknown_caller" };
  if (line.accountStatus === "suspended" || line.accountStatus === "canceled")
    return { kind: "account_inactive", line };
  if (line.planKind === "trial" && line.minutesRemaining <= 0) return { kind: "trial_used_up", line };
  return { kind: "connect", line };
}

export type InboundAnswer =
  | { kind: "unknown_caller" }
  | { kind: "account_inactive"; name: string; language: string }
  | { kind: "trial_used_up"; name: string; language: string }
  | { kind: "spending_cap_reached"; name: string; language: string }
  | { kind: "connect"; sessionId: string; name: string; language: string };

export interface InboundCall {
  callSid: string;
  from: string;
  to: string;
  attestation: CallerAttestation;
}

export interface InboundLimits {
  /** Unattested calls let through per line in the last hour; one more is refused. */
  unattestedPerHour: number;
}

/** What the caller hears, and what was decided (the two differ for an unattested caller who is refused). */
export interface InboundOutcome {
  decided: InboundDecision["kind"];
  answer: InboundAnswer;
}

/**
 * The words a refused caller hears. An unattested caller hears the unknown caller's words for every
 * refusal, so a spoofed call cannot learn whether a number is registered, by whom, or the state of its
 * account.
 */
export function refusalHeard(
  decision: Exclude<InboundDecision, { kind: "connect" }>,
  trust: CallerAttestation["trust"],
): Exclude<InboundAnswer, { kind: "connect" }> {
  if (decision.kind === "unknown_caller" || decision.kind === "unattested_limit" || trust !== "attested")
    return { kind: "unknown_caller" };
  return { kind: decision.kind, name: decision.line.name, language: decision.line.language };
}

/**
 * Decides what a call to our number hears, mirroring `prepareOutboundAnswer`: every refusal is recorded as
 * a call event (once per CallSid), and a caller who gets through gets a session (the same one when Twilio
 * retries the webhook).
 */
export async function answerInbound(
  tx: Tx,
  call: InboundCall,
  limits: InboundLimits,
): Promise<InboundOutcome> {
  let decision = decideInbound(await findCallerLine(tx, call.from));
  if (decision.kind === "connect" && (await spendingCapReached(tx, decision.line.accountId)))
    decision = { kind: "spending_cap_reached", line: decision.line };
  if (
    decision.kind === "connect" &&
    call.attestation.trust !== "attested" &&
    !(await unattestedCallAllowed(tx, decision.line, call.callSid, limits))
  )
    decision = { kind: "unattested_limit", line: decision.line };
  if (decision.kind === "connect") {
    const { line } = decision;
    const sessionId = await createInboundSession(tx, {
      accountId: line.accountId,
      lineId: line.lineId,
      callSid: call.callSid,
      from: call.from,
      to: call.to,
      attestation: call.attestation,
    });
    return {
      decided: "connect",
      answer: { kind: "connect", sessionId, name: line.name, language: line.language },
    };
  }
  await recordCallEvent(tx, {
    callSessionId: null,
    callSid: call.callSid,
    type: `inbound.${decision.kind}`,
    ...(decision.kind === "unknown_caller" ? {} : { payload: { lineId: decision.line.lineId } }),
    dedupeKey: `inbound:${call.callSid}`,
  });
  return { decided: decision.kind, answer: refusalHeard(decision, call.attestation.trust) };
}

/**
 * Whether a caller whose ID nobody vouched for (it may be spoofed) may be let through: the line took fewer
 * than the limit of such calls in the past hour (a webhook Twilio retries is the same call, not one more),
 * and the plan still includes minutes, since such a call never draws overage. Serialised per line so that
 * simultaneous calls cannot all slip under the limit.
 */
async function unattestedCallAllowed(
  tx: Tx,
  line: CallerLine,
  callSid: string,
  limits: InboundLimits,
): Promise<boolean> {
  if (includedAllowanceFrom(await loadCycleMinutes(tx, line.accountId)) <= 0) return false;
  await tx`select pg_advisory_xact_lock(hashtextextended(${`unattested:${line.lineId}`}, 0))`;
  const [row] = await tx<{ n: number }[]>`
    select count(*)::integer as n from public.ultaura_call_sessions
    where line_id = ${line.lineId} and direction = 'inbound' and caller_trust = 'unattested'
      and created_at > now() - interval '1 hour'
      and twilio_call_sid is distinct from ${callSid}`;
  return (row?.n ?? 0) < limits.unattestedPerHour;
}

/**
 * A paid account whose family capped the month's spending, with nothing left under the cap: the call would
 * be cut off at once, so it is refused kindly instead. (Trials are refused by `decideInbound`.)
 */
export async function spendingCapReached(tx: Tx, accountId: string): Promise<boolean> {
  const allowance = allowanceFrom(await loadCycleMinutes(tx, accountId));
  return allowance.limited && allowance.reason === "spending_cap" && allowance.seconds <= 0;
}
