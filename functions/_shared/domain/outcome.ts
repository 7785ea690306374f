/**
 * What a domain function returns when the answer may be an expected "no": the value, or a refusal with a
 * stable code (the caller's edge decides what the refusal means to its client). Unexpected failures stay
 * thrown errors.
 */
export type Outcome<T, R> = { ok: true; value: T } | { ok: false; refusal: R };

export function ok<T>(value: T): { ok: true; value: T };
export function ok(): { ok: true; value: undefined };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export function refused<R>(refusal: R): { ok: false; refusal: R } {
  return { ok: false, refusal };
}
