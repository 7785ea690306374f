import { copyFor, type Language } from "../../_shared/domain/copy/index.ts";
import { ok } from "../../_shared/domain/outcome.ts";
import type { SafetyGuidance, SafetyTier } from "../../_shared/domain/safety/phrase-list.ts";
import type { Tx } from "../../_shared/platform/db.ts";
import { decodeCursor, keysetPage } from "../activity/cursor.ts";
import type { ApiOutcome } from "../refusals.ts";

/**
 * Safety events as the family sees them (for the Family API's `GET /api/safety-events`): tier, what was
 * noticed (short labels, never the caller's words), the guidance Ultaura gave, whether trusted contacts
 * were texted, and when. Run it in the member's transaction (`db.asUser`): RLS decides which lines' events
 * exist. Newest first, keyset-paginated.
 */
export interface FamilySafetyEvent {
  id: string;
  lineId: string;
  callId: string | null;
  tier: SafetyTier;
  source: "model" | "keyword" | "dtmf";
  signals: string[];
  actionTaken: string | null;
  /** What Ultaura did, in plain words in `language`; null for an action this version does not know. */
  guidance: string | null;
  contactsNotifiedAt: string | null;
  acknowledgedAt: string | null;
  createdAt: string;
  /** First reported in the call's insights record, after the call (0037). */
  foundAfterCall: boolean;
}

export interface SafetyEventsQuery {
  lineId?: string;
  /** A previous page's `nextCursor`; anything else is a 400 (the shared activity cursor codec). */
  cursor?: string;
  limit: number;
  language?: Language;
}

// Events logged before the guidance keys existed said only that the model was hinted.
const LEGACY_BY_TIER: Record<SafetyTier, SafetyGuidance> = {
  emergency: "urged_911",
  high: "asked_if_safe",
  medium: "checked_in_988",
  low: "checked_in",
};

export function guidanceText(
  tier: SafetyTier,
  actionTaken: string | null,
  language: Language,
): string | null {
  const table = copyFor(language).safety.guidance;
  if (actionTaken === "hint_sent_to_model") return table[LEGACY_BY_TIER[tier]];
  if (actionTaken && Object.hasOwn(table, actionTaken)) return table[actionTaken as SafetyGuidance];
  return null;
}

interface Row {
  id: string;
  line_id: string;
  call_session_id: string | null;
  tier: SafetyTier;
  source: FamilySafetyEvent["source"];
  signals: string[];
  action_taken: string | null;
  contacts_notified_at: Date | null;
  acknowledged_at: Date | null;
  created_at: Date;
  found_after_call: boolean;
  cursor_at: string;
}

const COLUMNS = `id, line_id, call_session_id, tier::text as tier, source::text as source, signals, action_taken,
  contacts_notified_at, acknowledged_at, created_at, found_after_call,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at`;

function familyView(row: Row, language: Language): FamilySafetyEvent {
  return {
    id: row.id,
    lineId: row.line_id,
    callId: row.call_session_id,
    tier: row.tier,
    source: row.source,
    signals: row.signals,
    actionTaken: row.action_taken,
    guidance: guidanceText(row.tier, row.action_taken, language),
    contactsNotifiedAt: row.contacts_notified_at?.toISOString() ?? null,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    foundAfterCall: row.found_after_call,
  };
}

/** Marks an event seen (a trigger records who) and answers it as `listSafetyEvents` would; null when RLS hides it. */
export async function acknowledgeSafetyEvent(
  tx: Tx,
  id: string,
  now: Date,
  language: Language = "en",
): Promise<FamilySafetyEvent | null> {
  const [row] = await tx<Row[]>`
    update public.ultaura_safety_events set acknowledged_at = coalesce(acknowledged_at, ${now})
    where id = ${id}
    returning ${tx.unsafe(COLUMNS)}`;
  return row ? familyView(row, language) : null;
}

export async function listSafetyEvents(
  tx: Tx,
  query: SafetyEventsQuery,
): Promise<ApiOutcome<{ items: FamilySafetyEvent[]; nextCursor: string | null }>> {
  const language = query.language ?? "en";
  const decoded = decodeCursor(query.cursor);
  if (!decoded.ok) return decoded;
  const after = decoded.value;
  const rows = await tx<Row[]>`
    select ${tx.unsafe(COLUMNS)}
    from public.ultaura_safety_events
    where true
      ${query.lineId ? tx`and line_id = ${query.lineId}` : tx``}
      ${after ? tx`and (created_at, id) < (${after.at}::text::timestamptz, ${after.id}::uuid)` : tx``}
    order by created_at desc, id desc
    limit ${query.limit + 1}`;
  const { page, nextCursor } = keysetPage(rows, query.limit);
  return ok({ items: page.map((row) => familyView(row, language)), nextCursor });
}
