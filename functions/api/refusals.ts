import type { ContentfulStatusCode } from "hono/utils/http-status";
import { copyFor } from "../_shared/domain/copy/index.ts";
import type {
  LimitedAction,
  OwnerAction,
  RefusalCopy,
  RefusedThing,
  TestCallRefusal,
} from "../_shared/domain/copy/types.ts";
import type { Outcome } from "../_shared/domain/outcome.ts";
import { AppError } from "../_shared/platform/errors.ts";
import type { ApiErrorCode } from "./schemas.ts";

/**
 * Every expected refusal of the family API, as a value with a stable code and the details its sentence
 * needs. The API's modules decide these; only the table below knows their HTTP status and words.
 */
export type Refusal =
  | { code: "not_found"; thing: RefusedThing }
  | { code: "account_not_found" }
  | { code: "no_account" }
  | { code: "account_exists" }
  | { code: "owner_only"; action: OwnerAction }
  | { code: "invite_invalid" }
  | { code: "line_disabled" }
  | { code: "last_owner" }
  | { code: "line_limit_reached"; plan: { name: string; linesIncluded: number } | null }
  | { code: "schedule_limit_reached"; max: number }
  | { code: "people_limit_reached"; max: number }
  | { code: "phone_in_use" }
  | { code: "number_opted_out" }
  | { code: "country_not_allowed"; allowed: readonly string[] }
  | { code: "number_type_not_allowed" }
  | { code: "number_changed" }
  | { code: "invalid_request"; problem: "value_not_allowed" | "invalid_cursor" }
  | { code: "invalid_phone"; typed: { field: string; input: string } | null }
  | { code: "contact_exists" }
  | { code: "calls_not_stopped" }
  | { code: "rate_limited"; action: LimitedAction; retryAfterSeconds: number }
  | { code: "temporarily_unavailable" }
  | { code: "already_verified" }
  | { code: "wrong_code"; attemptsLeft: number }
  | { code: "too_many_attempts" }
  | { code: "code_expired" }
  | { code: "verification_unavailable" }
  | { code: "already_subscribed" }
  | { code: "no_billing_account" }
  | { code: "billing_unavailable" }
  | { code: "call_failed" }
  | { code: "confirm_required" }
  | { code: TestCallRefusal; name: string }
  | { code: "notification_phone_required" };

export type RefusalCode = Refusal["code"];

/** What the API's modules return when the answer may be a refusal. */
export type ApiOutcome<T> = Outcome<T, Refusal>;

/** The refusal with code C (the test-call refusals share one shape, so C may be one of several codes). */
type RefusalOf<C extends RefusalCode> =
  Extract<Refusal, { code: C }> extends never
    ? Extract<Refusal, { code: TestCallRefusal }> & { code: C }
    : Extract<Refusal, { code: C }>;

type Entry<C extends RefusalCode> = {
  status: ContentfulStatusCode;
  say: (copy: RefusalCopy, refusal: RefusalOf<C>) => string;
};

const testCall = <C extends TestCallRefusal>(status: ContentfulStatusCode): Entry<C> => ({
  status,
  say: (copy, r) => copy.testCall(r.code, r.name),
});

/** The one table: each refusal code's HTTP status and its sentence from the copy module. */
export const REFUSALS: { [C in RefusalCode]: Entry<C> } = {
  not_found: { status: 404, say: (copy, r) => copy.notFound(r.thing) },
  account_not_found: { status: 404, say: (copy) => copy.notFound("account") },
  no_account: { status: 404, say: (copy) => copy.noAccount },
  account_exists: { status: 409, say: (copy) => copy.accountExists },
  owner_only: { status: 403, say: (copy, r) => copy.ownerOnly(r.action) },
  invite_invalid: { status: 404, say: (copy) => copy.inviteInvalid },
  line_disabled: { status: 409, say: (copy) => copy.lineDisabled },
  last_owner: { status: 409, say: (copy) => copy.lastOwner },
  line_limit_reached: { status: 409, say: (copy, r) => copy.lineLimitReached(r.plan) },
  schedule_limit_reached: { status: 409, say: (copy, r) => copy.scheduleLimitReached(r.max) },
  people_limit_reached: { status: 409, say: (copy, r) => copy.peopleLimitReached(r.max) },
  phone_in_use: { status: 409, say: (copy) => copy.phoneInUse },
  number_opted_out: { status: 409, say: (copy) => copy.numberOptedOut },
  country_not_allowed: { status: 400, say: (copy, r) => copy.countryNotAllowed(r.allowed) },
  number_type_not_allowed: { status: 400, say: (copy) => copy.numberTypeNotAllowed },
  number_changed: { status: 409, say: (copy) => copy.numberChanged },
  invalid_request: {
    status: 400,
    say: (copy, r) => (r.problem === "invalid_cursor" ? copy.invalidCursor : copy.valueNotAllowed),
  },
  invalid_phone: {
    status: 400,
    say: (copy, r) => (r.typed ? copy.invalidPhone(r.typed.field, r.typed.input) : copy.phoneUnreachable),
  },
  contact_exists: { status: 409, say: (copy) => copy.contactExists },
  calls_not_stopped: { status: 409, say: (copy) => copy.callsNotStopped },
  rate_limited: { status: 429, say: (copy, r) => copy.rateLimited(r.action, r.retryAfterSeconds) },
  temporarily_unavailable: { status: 503, say: (copy) => copy.temporarilyUnavailable },
  already_verified: { status: 409, say: (copy) => copy.alreadyVerified },
  wrong_code: { status: 400, say: (copy, r) => copy.wrongCode(r.attemptsLeft) },
  too_many_attempts: { status: 429, say: (copy) => copy.tooManyAttempts },
  code_expired: { status: 400, say: (copy) => copy.codeExpired },
  verification_unavailable: { status: 502, say: (copy) => copy.verificationUnavailable },
  already_subscribed: { status: 409, say: (copy) => copy.alreadySubscribed },
  no_billing_account: { status: 409, say: (copy) => copy.noBillingAccount },
  billing_unavailable: { status: 503, say: (copy) => copy.billingUnavailable },
  call_failed: { status: 502, say: (copy) => copy.callFailed },
  confirm_required: { status: 400, say: (copy) => copy.closeConfirmRequired },
  unverified: testCall(409),
  opt_out: testCall(409),
  line_inactive: testCall(409),
  account_inactive: testCall(409),
  no_minutes: testCall(409),
  over_cap: testCall(409),
  quiet_hours: testCall(409),
  on_holiday: testCall(409),
  notification_phone_required: { status: 409, say: (copy) => copy.notificationPhoneRequired },
};

/**
 * A refusal on its way out of a request: thrown from wherever the API's modules decide it (a guard deep in
 * a read model as much as a route), answered by `refusalResponse`. Unexpected failures stay plain errors.
 */
export class Refused extends Error {
  override name = "Refused";
  constructor(readonly refusal: Refusal) {
    super(refusal.code);
  }
}

export function refuse(refusal: Refusal): never {
  throw new Refused(refusal);
}

/**
 * The route edge: an outcome's value, or its refusal on its way out as a Refused. Called inside the
 * caller's transaction, the refusal also rolls back what the request wrote before it.
 */
export function orRefuse<T>(outcome: ApiOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new Refused(outcome.refusal);
}

/** The API answers in English: the family member's language is not known to it yet. */
export function refusalError(error: unknown): AppError | undefined {
  if (!(error instanceof Refused)) return undefined;
  const { refusal } = error;
  const entry = REFUSALS[refusal.code] as Entry<RefusalCode>;
  // Every refusal code is one of the codes the API's schemas publish.
  const code: ApiErrorCode = refusal.code;
  return new AppError(entry.status, code, entry.say(copyFor("en").refusals, refusal as never));
}
