import type { NoticeKind } from "../../_shared/domain/notifications/kinds.ts";
import type { JwtClaims, Tx } from "../../_shared/platform/db.ts";
import type { ApiServices } from "../env.ts";
import { refuse } from "../refusals.ts";
import { requireAllowed } from "../verification/limits.ts";
import { type ReachPolicy, unreachable } from "../verification/reachable.ts";
import { twilioRefusal } from "../verification/verify.ts";

/**
 * A member's notification settings (issue 22): their phone for texts, verified with a Twilio Verify code
 * as a line's number is; their language; the kinds of notice they want. Reads and writes run as the member
 * under RLS (0038); only the verification's approval is a service write.
 */
interface SettingsRow {
  phone_e164: string | null;
  phone_verified_at: Date | null;
  language: "en" | "es";
  timezone: string | null;
  kinds: NoticeKind[];
}

export function settingsJson(row: SettingsRow | undefined) {
  return {
    phone: row?.phone_e164 ?? null,
    phoneVerified: Boolean(row?.phone_verified_at),
    language: row?.language ?? ("en" as const),
    timezone: row?.timezone ?? null,
    kinds: row?.kinds ?? [],
  };
}

export async function readSettings(tx: Tx, userId: string): Promise<SettingsRow | undefined> {
  const [row] = await tx<SettingsRow[]>`
    select phone_e164, phone_verified_at, language, timezone, kinds from public.ultaura_member_notification_settings
    where user_id = ${userId}`;
  return row;
}

/** Writes the fields given; a changed phone is unverified again (the 0038 trigger). */
export async function writeSettings(
  tx: Tx,
  userId: string,
  patch: { phone?: string | null; language?: "en" | "es"; timezone?: string | null; kinds?: NoticeKind[] },
): Promise<SettingsRow | undefined> {
  const kinds = patch.kinds ? [...new Set(patch.kinds)] : undefined;
  await tx`
    insert into public.ultaura_member_notification_settings (user_id, phone_e164, language, kinds)
    values (${userId}, ${patch.phone ?? null}, ${patch.language ?? "en"}, ${kinds ?? []}::text[])
    on conflict (user_id) do nothing`;
  if (patch.phone !== undefined)
    await tx`update public.ultaura_member_notification_settings set phone_e164 = ${patch.phone}
      where user_id = ${userId} and phone_e164 is distinct from ${patch.phone}`;
  if (patch.language)
    await tx`update public.ultaura_member_notification_settings set language = ${patch.language}
      where user_id = ${userId}`;
  if (patch.timezone !== undefined)
    await tx`update public.ultaura_member_notification_settings set timezone = ${patch.timezone}
      where user_id = ${userId}`;
  if (kinds)
    await tx`update public.ultaura_member_notification_settings set kinds = ${kinds}::text[]
      where user_id = ${userId}`;
  return readSettings(tx, userId);
}

/** Twilio Verify allows five checks per code. */
const MAX_CHECKS = 5;

/** The member's saved phone, refused when there is none or it is already verified. */
async function phoneToVerify(services: ApiServices, claims: JwtClaims): Promise<string> {
  const row = await services.db.asUser(claims, (tx) => readSettings(tx, claims.sub));
  if (!row?.phone_e164) refuse({ code: "notification_phone_required" });
  if (row.phone_verified_at) refuse({ code: "already_verified" });
  return row.phone_e164;
}

/** Sends a code to the member's phone through the same Verify service and limits as a line's number. */
export async function sendMemberCode(
  services: ApiServices,
  claims: JwtClaims,
  request: { channel: "sms" | "call"; ip: string; reach: ReachPolicy },
) {
  const phone = await phoneToVerify(services, claims);
  const why = unreachable(phone, request.reach);
  if (why === "country_not_allowed") refuse({ code: why, allowed: request.reach.allowedCountries });
  if (why === "number_type_not_allowed") refuse({ code: why });
  requireAllowed(await services.limit("verifySendPerPhone", phone), "verify_send_per_phone");
  requireAllowed(
    await services.limit("verifySendPerAccount", `user:${claims.sub}`),
    "verify_send_per_account",
  );
  requireAllowed(await services.limit("verifySendPerIp", request.ip), "verify_send_per_ip");
  requireAllowed(await services.limit("verifySendGlobal", "all"), "verify_send_global");
  try {
    await services.twilio.startVerification(phone, request.channel);
  } catch (error) {
    throw twilioRefusal(error);
  }
  await services.db.asService(
    (tx) =>
      tx`update public.ultaura_member_notification_settings set code_checks = 0 where user_id = ${claims.sub}`,
  );
  return { status: "pending" as const, channel: request.channel, to: phone };
}

/** Checks the code; a right one verifies the phone the member saved (if it is still the same). */
export async function checkMemberCode(services: ApiServices, claims: JwtClaims, code: string) {
  const phone = await phoneToVerify(services, claims);
  requireAllowed(await services.limit("verifyCheckPerLine", `user:${claims.sub}`), "verify_check_per_line");
  let status: string;
  try {
    status = (await services.twilio.checkVerification(phone, code)).status;
  } catch (error) {
    throw twilioRefusal(error);
  }
  if (status !== "approved") {
    const [row] = await services.db.asService(
      (tx) => tx<{ code_checks: number }[]>`
        update public.ultaura_member_notification_settings set code_checks = code_checks + 1
        where user_id = ${claims.sub} returning code_checks`,
    );
    refuse({ code: "wrong_code", attemptsLeft: Math.max(0, MAX_CHECKS - (row?.code_checks ?? MAX_CHECKS)) });
  }
  const updated = await services.db.asService(
    (tx) => tx`update public.ultaura_member_notification_settings set phone_verified_at = ${services.now()}
      where user_id = ${claims.sub} and phone_e164 = ${phone} and phone_verified_at is null`,
  );
  if (updated.count === 0) refuse({ code: "number_changed" });
  return services.db.asUser(claims, (tx) => readSettings(tx, claims.sub));
}
