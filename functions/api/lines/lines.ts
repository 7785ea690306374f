import type { OwnerAction } from "../../_shared/domain/copy/types.ts";
import { ok, refused } from "../../_shared/domain/outcome.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import type { ApiOutcome } from "../refusals.ts";

/**
 * A family's lines, read and written as the caller (RLS: members of the line's account). Members have
 * column grants for what they may change; verification, `status` and `do_not_call` go through their own
 * paths (verify check, `ultaura_set_line_status`, `ultaura_reenable_calls`).
 */
export interface LineRow {
  id: string;
  account_id: string;
  display_name: string;
  preferred_name: string | null;
  phone_e164: string;
  phone_verified_at: Date | null;
  status: "active" | "paused" | "disabled";
  timezone: string;
  language: string;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  voicemail_behavior: "leave_message" | "hang_up";
  interests: string[];
  topics_to_avoid: string[];
  do_not_call: boolean;
  created_at: Date;
}

export interface LineFields {
  displayName?: string;
  preferredName?: string | null;
  phone?: string;
  timezone?: string;
  language?: string;
  quietHours?: { start: string; end: string } | null;
  voicemailBehavior?: "leave_message" | "hang_up";
  interests?: string[];
  topicsToAvoid?: string[];
}

const COLUMNS = `id, account_id, display_name, preferred_name, phone_e164, phone_verified_at, status, timezone,
  language, to_char(quiet_hours_start, 'HH24:MI') as quiet_hours_start, to_char(quiet_hours_end, 'HH24:MI') as quiet_hours_end,
  voicemail_behavior, interests, topics_to_avoid, do_not_call, created_at`;

/** A page of the account's lines, oldest first, keyset paged on (created_at, id). */
export function listLines(
  tx: Tx,
  accountId: string,
  page: { after: { at: string; id: string } | null; limit: number },
): Promise<(LineRow & { cursor_at: string })[]> {
  return tx<(LineRow & { cursor_at: string })[]>`
    select ${tx.unsafe(COLUMNS)}, created_at::text as cursor_at from public.ultaura_lines
    where account_id = ${accountId}
      ${page.after ? tx`and (created_at, id) > (${page.after.at}::text::timestamptz, ${page.after.id}::uuid)` : tx``}
    order by created_at, id
    limit ${page.limit + 1}`;
}

export async function getLine(tx: Tx, lineId: string): Promise<ApiOutcome<LineRow>> {
  const [line] = await tx<
    LineRow[]
  >`select ${tx.unsafe(COLUMNS)} from public.ultaura_lines where id = ${lineId}`;
  return line ? ok(line) : refused({ code: "not_found", thing: "line" });
}

/** A line the caller just wrote (and so can read). */
async function readBack(tx: Tx, lineId: string): Promise<LineRow> {
  const line = await getLine(tx, lineId);
  if (!line.ok) throw new Error(`line ${lineId} not readable after writing it`);
  return line.value;
}

export async function createLine(
  tx: Tx,
  accountId: string,
  fields: Required<Pick<LineFields, "displayName" | "phone" | "timezone" | "language">> & LineFields,
): Promise<ApiOutcome<LineRow>> {
  const rows = await guard(
    () => tx<{ id: string }[]>`
    insert into public.ultaura_lines (account_id, display_name, preferred_name, phone_e164, timezone, language,
      quiet_hours_start, quiet_hours_end, voicemail_behavior, interests, topics_to_avoid)
    values (${accountId}, ${fields.displayName}, ${fields.preferredName ?? null}, ${fields.phone}, ${fields.timezone},
      ${fields.language}, ${fields.quietHours?.start ?? null}, ${fields.quietHours?.end ?? null},
      ${fields.voicemailBehavior ?? "leave_message"}, ${fields.interests ?? []}, ${fields.topicsToAvoid ?? []})
    returning id`,
    accountId,
    tx,
  );
  return rows.ok ? ok(await readBack(tx, rows.value[0]?.id ?? "")) : rows;
}

export async function updateLine(tx: Tx, line: LineRow, fields: LineFields): Promise<ApiOutcome<LineRow>> {
  const set: Record<string, unknown> = {};
  if (fields.displayName !== undefined) set.display_name = fields.displayName;
  if (fields.preferredName !== undefined) set.preferred_name = fields.preferredName;
  if (fields.phone !== undefined) set.phone_e164 = fields.phone;
  if (fields.timezone !== undefined) set.timezone = fields.timezone;
  if (fields.language !== undefined) set.language = fields.language;
  if (fields.quietHours !== undefined) {
    set.quiet_hours_start = fields.quietHours?.start ?? null;
    set.quiet_hours_end = fields.quietHours?.end ?? null;
  }
  if (fields.voicemailBehavior !== undefined) set.voicemail_behavior = fields.voicemailBehavior;
  if (fields.interests !== undefined) set.interests = fields.interests;
  if (fields.topicsToAvoid !== undefined) set.topics_to_avoid = fields.topicsToAvoid;
  if (Object.keys(set).length > 0) {
    const updated = await guard(
      () => tx`update public.ultaura_lines set ${tx(set as Record<string, string>)} where id = ${line.id}`,
      line.account_id,
      tx,
    );
    if (!updated.ok) return updated;
  }
  // Schedules run in the line's zone: a move carries them along (the trigger re-plans their next run).
  if (fields.timezone !== undefined && fields.timezone !== line.timezone) {
    await tx`update public.ultaura_schedules set timezone = ${fields.timezone} where line_id = ${line.id}`;
  }
  return ok(await readBack(tx, line.id));
}

/** Pauses or resumes calls; refused (nothing changed) for a line disabled by its opt-out. */
export async function setLineStatus(
  tx: Tx,
  line: { id: string; account_id: string },
  status: "active" | "paused",
): Promise<ApiOutcome<void>> {
  // Migration 0034: a resume beyond the plan's lines is line_limit_reached; an owner-paused line is the owner's.
  const rows = await guard(
    () => tx<{ ok: boolean }[]>`select public.ultaura_set_line_status(${line.id}, ${status}) as ok`,
    line.account_id,
    tx,
    "resume_paused_line",
  );
  if (!rows.ok) return rows;
  return rows.value[0]?.ok ? ok() : refused({ code: "line_disabled" });
}

export async function deleteLine(tx: Tx, lineId: string): Promise<ApiOutcome<void>> {
  const rows = await tx`delete from public.ultaura_lines where id = ${lineId} returning id`;
  if (rows.length > 0) return ok();
  // Nothing was deleted: either the caller cannot see the line, or RLS lets only the owner delete it.
  const line = await getLine(tx, lineId);
  return line.ok ? refused({ code: "owner_only", action: "remove_line" }) : line;
}

/** Postgres refusals a family member can act on, as refusals; a savepoint undoes the refused statement. */
async function guard<T>(
  run: () => Promise<T>,
  accountId: string,
  tx: Tx,
  ownerAction: OwnerAction = "change_number",
): Promise<ApiOutcome<T>> {
  try {
    // A savepoint keeps the request's transaction usable after a refusal, to explain it.
    return ok((await tx.savepoint(() => run())) as T);
  } catch (error) {
    const pg = error as { code?: string; message?: string; constraint_name?: string };
    if (pg.message === "line_limit_reached") {
      const [plan] = await tx<{ name: string; lines_included: number }[]>`
        select p.name, p.lines_included from public.ultaura_accounts a join public.ultaura_plans p on p.id = a.plan_id
        where a.id = ${accountId}`;
      return refused({
        code: "line_limit_reached",
        plan: plan ? { name: plan.name, linesIncluded: plan.lines_included } : null,
      });
    }
    if (pg.code === "23505") return refused({ code: "phone_in_use" });
    // Migration 0026: only the owner may change a line's number (members can write through REST too).
    if (pg.code === "42501") return refused({ code: "owner_only", action: ownerAction });
    if (pg.code === "23514") return refused({ code: "invalid_request", problem: "value_not_allowed" });
    throw error;
  }
}

export function lineJson(row: LineRow) {
  return {
    id: row.id,
    accountId: row.account_id,
    displayName: row.display_name,
    preferredName: row.preferred_name,
    phone: row.phone_e164,
    phoneVerified: row.phone_verified_at !== null,
    verifiedAt: row.phone_verified_at?.toISOString() ?? null,
    status: row.phone_verified_at === null ? ("unverified" as const) : row.status,
    timezone: row.timezone,
    language: row.language as "en-US" | "es-US",
    quietHours:
      row.quiet_hours_start && row.quiet_hours_end
        ? { start: row.quiet_hours_start, end: row.quiet_hours_end }
        : null,
    voicemailBehavior: row.voicemail_behavior,
    interests: row.interests,
    topicsToAvoid: row.topics_to_avoid,
    doNotCall: row.do_not_call,
    createdAt: row.created_at.toISOString(),
  };
}
