import type { Database, JwtClaims } from "../../_shared/platform/db.ts";
import type { RateLimiter } from "../../_shared/platform/ratelimit.ts";
import { TwilioApiError, type TwilioRest } from "../../_shared/platform/twilio-rest.ts";
import { getLine, type LineRow } from "../lines/lines.ts";
import { type Refusal, Refused, refuse } from "../refusals.ts";
import { requireAllowed } from "./limits.ts";
import { type ReachPolicy, unreachable } from "./reachable.ts";

/**
 * Verifying a line's number with Twilio Verify. The caller's access to the line is checked under RLS
 * first; only then do service steps run (Twilio, the verification log, marking the line verified), since
 * members may not write verification state themselves. Twilio's refusals become ours: too many
 * sends (60203) a 429, a wrong code a 400 with the attempts left, an expired or used code "send a new code".
 */
export interface VerifyDeps {
  db: Database;
  twilio: Pick<TwilioRest, "startVerification" | "checkVerification">;
  limit: RateLimiter;
  now: () => Date;
}

/** Twilio Verify allows five checks per verification. */
const MAX_CHECKS = 5;
/** Twilio's window for its own send limit (60203). */
const TWILIO_SEND_WINDOW_SECONDS = 600;

async function lineForCaller(deps: VerifyDeps, claims: JwtClaims, lineId: string): Promise<LineRow> {
  const line = await deps.db.asUser(claims, (tx) => getLine(tx, lineId));
  if (line.phone_verified_at) refuse({ code: "already_verified" });
  return line;
}

export async function sendCode(
  deps: VerifyDeps,
  claims: JwtClaims,
  request: { lineId: string; channel: "sms" | "call"; ip: string; reach: ReachPolicy },
) {
  const line = await lineForCaller(deps, claims, request.lineId);
  refuseNumberType(line, request.reach);
  await refuseUnreachable(deps, line);
  requireAllowed(await deps.limit("verifySendPerPhone", line.phone_e164), "verify_send_per_phone");
  requireAllowed(await deps.limit("verifySendPerAccount", line.account_id), "verify_send_per_account");
  requireAllowed(await deps.limit("verifySendPerIp", request.ip), "verify_send_per_ip");
  requireAllowed(await deps.limit("verifySendGlobal", "all"), "verify_send_global");
  let sid: string;
  try {
    sid = (await deps.twilio.startVerification(line.phone_e164, request.channel)).sid;
  } catch (error) {
    throw twilioRefusal(error);
  }
  await deps.db.asService(
    (tx) => tx`
      insert into public.ultaura_phone_verifications (account_id, line_id, phone_e164, channel, twilio_verification_sid, expires_at)
      values (${line.account_id}, ${line.id}, ${line.phone_e164}, ${request.channel}, ${sid},
        ${new Date(deps.now().getTime() + 10 * 60_000)})`,
  );
  return { status: "pending" as const, channel: request.channel, to: line.phone_e164 };
}

function refuseNumberType(line: LineRow, reach: ReachPolicy): void {
  const why = unreachable(line.phone_e164, reach);
  if (why === "country_not_allowed") refuse({ code: why, allowed: reach.allowedCountries });
  if (why === "number_type_not_allowed") refuse({ code: why });
}

/**
 * Numbers no code may reach, checked before any limit so they do not use up a bucket: one verified on
 * another line (any family's), and one under an unresolved opt-out (migration 0027) — texting a code is
 * contact too, and a verified line would be rung.
 */
async function refuseUnreachable(deps: VerifyDeps, line: LineRow): Promise<void> {
  const [row] = await deps.db.asService(
    (tx) => tx<{ opted_out: boolean; elsewhere: boolean }[]>`
      select public.ultaura_opted_out(${line.id}, ${line.phone_e164}) as opted_out,
        exists (select 1 from public.ultaura_lines where phone_e164 = ${line.phone_e164}
          and phone_verified_at is not null and id <> ${line.id}) as elsewhere`,
  );
  if (row?.opted_out) refuse({ code: "number_opted_out" });
  if (row?.elsewhere) refuse({ code: "phone_in_use" });
}

export async function checkCode(
  deps: VerifyDeps,
  claims: JwtClaims,
  request: { lineId: string; code: string },
) {
  const line = await lineForCaller(deps, claims, request.lineId);
  requireAllowed(await deps.limit("verifyCheckPerLine", line.id), "verify_check_per_line");
  let status: string;
  try {
    status = (await deps.twilio.checkVerification(line.phone_e164, request.code)).status;
  } catch (error) {
    throw twilioRefusal(error);
  }
  if (status !== "approved") {
    const checks = await countCheck(deps, line);
    const left = Math.max(0, MAX_CHECKS - checks);
    refuse({ code: "wrong_code", attemptsLeft: left });
  }
  await deps.db.asService(async (tx) => {
    const now = deps.now();
    try {
      const updated = await tx.savepoint(
        (sp) => sp`update public.ultaura_lines set phone_verified_at = ${now},
          status = case when status = 'disabled' then status else 'active' end
          where id = ${line.id} and phone_e164 = ${line.phone_e164} and phone_verified_at is null`,
      );
      // The number changed (or was verified) while Twilio checked the code: the code says nothing about
      // the line as it is now, so nothing is recorded (throwing rolls the transaction back).
      if (updated.count === 0) refuse({ code: "number_changed" });
    } catch (error) {
      if ((error as { code?: string }).code === "23505") refuse({ code: "phone_in_use" });
      throw error;
    }
    await tx`
      update public.ultaura_phone_verifications set status = 'approved', approved_at = ${now}
      where id = (select id from public.ultaura_phone_verifications where line_id = ${line.id} and status = 'pending'
        order by created_at desc limit 1)`;
    await tx`
      insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, note)
      values (${line.account_id}, ${line.id}, 'ai_calls', true, 'web', ${claims.sub},
        ${`Verified ${line.phone_e164}; the family member confirmed ${line.display_name} agreed to receive AI calls`})`;
  });
  return line.id;
}

/** Counts a wrong code on the newest pending verification; returns the checks made so far. */
async function countCheck(deps: VerifyDeps, line: LineRow): Promise<number> {
  const [row] = await deps.db.asService(
    (tx) => tx<{ check_attempts: number }[]>`
      update public.ultaura_phone_verifications set check_attempts = check_attempts + 1
      where id = (select id from public.ultaura_phone_verifications where line_id = ${line.id} and status = 'pending'
        order by created_at desc limit 1)
      returning check_attempts`,
  );
  return row?.check_attempts ?? MAX_CHECKS;
}

/** Twilio Verify's failure as the API's refusal (a line's number or a member's phone alike). */
export function twilioRefusal(error: unknown): Error {
  if (!(error instanceof TwilioApiError)) return error as Error;
  return new Refused(twilioVerifyRefusal(error));
}

/** Twilio Verify's refusals as ours. */
function twilioVerifyRefusal(error: TwilioApiError): Refusal {
  if (error.code === 60203)
    return {
      code: "rate_limited",
      action: "verify_send_twilio",
      retryAfterSeconds: TWILIO_SEND_WINDOW_SECONDS,
    };
  if (error.code === 60202) return { code: "too_many_attempts" };
  if (error.status === 404 || error.code === 20404) return { code: "code_expired" };
  if (error.code === 60200 || error.code === 21211 || error.code === 60205)
    return { code: "invalid_phone", typed: null };
  return { code: "verification_unavailable" };
}
