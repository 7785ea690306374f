import { parsePhoneNumberFromString } from "libphonenumber-js";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { ApiOutcome } from "../refusals.ts";

export interface PhonePolicy {
  /** Accept the fictional +1 555 numbers the simulators and the seed use (local and tests only). */
  allowFictional: boolean;
  /** Country assumed for numbers typed without a +country code. */
  defaultCountry?: "US";
}

const FICTIONAL_NANP = /^\+1555\d{7}$/;

/** A typed phone number in E.164, or a refusal naming the field and what was typed. */
export function normalisePhone(input: string, policy: PhonePolicy, field = "phone"): ApiOutcome<string> {
  const parsed = parsePhoneNumberFromString(input, policy.defaultCountry ?? "US");
  const e164 = parsed?.number;
  if (parsed && e164 && (parsed.isValid() || (policy.allowFictional && FICTIONAL_NANP.test(e164))))
    return ok(e164);
  return refused({ code: "invalid_phone", typed: { field, input: input.slice(0, 32) } });
}
