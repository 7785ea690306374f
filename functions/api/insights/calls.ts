import {
  type CallInsights,
  INSIGHTS_COLUMNS,
  openCallInsights,
  type SealedInsightsRow,
} from "../../_shared/domain/memory/insights.ts";
import type { Keyring } from "../../_shared/platform/crypto/keyring.ts";
import type { Database, Tx } from "../../_shared/platform/db.ts";

/** Sealed insights of these calls, read as the user (RLS: members of the call's account). */
export function readCallInsights(tx: Tx, callIds: readonly string[]): Promise<SealedInsightsRow[]> {
  if (callIds.length === 0) return Promise.resolve([]);
  return tx<SealedInsightsRow[]>`
    select ${tx.unsafe(INSIGHTS_COLUMNS)} from public.ultaura_call_insights i
    where i.call_session_id = any(${callIds}::uuid[])`;
}

/** What the family reads of a call's insights; the count of dropped private texts stays on our side. */
export function insightsJson(insights: CallInsights | undefined) {
  if (!insights) return null;
  return {
    summary: insights.summary,
    mood: insights.mood,
    energy: insights.energy,
    topics: insights.topics,
    followUps: insights.followUps,
    familyNote: insights.familyNote,
    source: insights.source,
  };
}

/** Adds each call's insights (null when it has none) to calls RLS returned. */
export async function withInsights<T extends { id: string }>(
  db: Database,
  keyring: Keyring,
  calls: readonly T[],
  sealed: readonly SealedInsightsRow[],
): Promise<(T & { insights: ReturnType<typeof insightsJson> })[]> {
  const opened = await openCallInsights(db, keyring, sealed);
  return calls.map((call) => ({ ...call, insights: insightsJson(opened.get(call.id)) }));
}
