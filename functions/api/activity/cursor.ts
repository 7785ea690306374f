import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { ApiOutcome } from "../refusals.ts";

/**
 * Opaque keyset cursors: base64url of "<timestamptz as Postgres prints it>|<uuid>" — full microsecond
 * precision, so rows created within one millisecond are neither skipped nor repeated. A tampered cursor
 * is a 400, never a query error. Queries compare with `${at}::text::timestamptz`: a parameter Postgres
 * types as timestamptz is sent by postgres.js through a JS Date, which keeps milliseconds only (a page of
 * rows sharing an instant then came back again and again, oldest-first lists never ending).
 */
export function encodeCursor(at: string, id: string): string {
  return btoa(`${at}|${id}`).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The position a cursor names; none without a cursor (the first page), refused when it is not ours. */
export function decodeCursor(cursor: string | undefined): ApiOutcome<{ at: string; id: string } | null> {
  if (cursor === undefined) return ok(null);
  try {
    const [at, id] = atob(cursor.replaceAll("-", "+").replaceAll("_", "/")).split("|");
    if (at && id && UUID.test(id) && TIMESTAMP.test(at)) return ok({ at, id });
  } catch {
    // fall through to the refusal
  }
  return refused({ code: "invalid_request", problem: "invalid_cursor" });
}

/** A page's position: after the decoded cursor's row (none: the first page), `limit` rows. */
export interface Keyset {
  after: { at: string; id: string } | null;
  limit: number;
}

/** The keyset a list's query asks for; a tampered cursor is refused (a 400). */
export function keysetOf(query: { cursor?: string | undefined; limit: number }): ApiOutcome<Keyset> {
  const after = decodeCursor(query.cursor);
  return after.ok ? ok({ after: after.value, limit: query.limit }) : after;
}

/** Rows read with `limit + 1`: the page to return, and the cursor after its last row when more follow. */
export function keysetPage<Row extends { id: string; cursor_at: string }>(
  rows: Row[],
  limit: number,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_at, last.id) : null };
}
