/**
 * Twilio resource ids both deployables check before trusting or using them: a CallSid in a media stream's
 * `start`, and every id put into a Twilio REST URL (format-checked, then encoded, so a forged value can
 * never reach another resource).
 */
export const CALL_SID_PATTERN = /^CA[0-9a-f]{32}$/;
export const ACCOUNT_SID_PATTERN = /^AC[0-9a-f]{32}$/;
export const SERVICE_SID_PATTERN = /^VA[0-9a-fA-F]{32}$/;

export function isCallSid(value: string | null | undefined): value is string {
  return typeof value === "string" && CALL_SID_PATTERN.test(value);
}

export class InvalidSidError extends Error {
  override name = "InvalidSidError";
}

/** `value` as a URL path segment, after checking it is a Twilio id of the given pattern. */
export function sidSegment(value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new InvalidSidError(`not a valid Twilio id for ${pattern.source}`);
  return encodeURIComponent(value);
}
