import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Which numbers a verification code may go to at all. A code is a text or a call we pay for, sent to a
 * number a stranger typed: premium-rate and shared-cost numbers earn their owner money per message or
 * minute (toll fraud), so only the types a person's own phone has are accepted, in the deployment's
 * allowed countries. The type comes from the number plan (libphonenumber's full metadata: NANP 900 is
 * premium-rate, 800/8xx toll-free, +1 809 the Dominican Republic), not from a paid carrier lookup.
 */
export type Unreachable = "country_not_allowed" | "number_type_not_allowed";

const PERSONAL_TYPES = new Set(["MOBILE", "FIXED_LINE", "FIXED_LINE_OR_MOBILE", "VOIP"]);
const FICTIONAL_NANP = /^\+1555\d{7}$/;

export interface ReachPolicy {
  /** ISO 3166 alpha-2 codes, e.g. ["US", "CA"]. */
  allowedCountries: readonly string[];
  /** The simulators' +1 555 numbers (local and tests only): treated as US mobiles. */
  allowFictional: boolean;
}

export function unreachable(e164: string, policy: ReachPolicy): Unreachable | null {
  if (policy.allowFictional && FICTIONAL_NANP.test(e164)) {
    return policy.allowedCountries.includes("US") ? null : "country_not_allowed";
  }
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid() || !parsed.country) return "number_type_not_allowed";
  if (!policy.allowedCountries.includes(parsed.country)) return "country_not_allowed";
  const type = parsed.getType();
  return type && PERSONAL_TYPES.has(type) ? null : "number_type_not_allowed";
}
