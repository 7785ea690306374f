import { base64ToBytes, bytesToBase64 } from "../../platform/crypto/bytes.ts";
import { decryptMemoryText, encryptMemoryText } from "../../platform/crypto/envelope.ts";
import type { Keyring } from "../../platform/crypto/keyring.ts";
import type { Database, Tx } from "../../platform/db.ts";
import { getOrCreateDataKey, loadDataKey, loadDataKeys } from "./keys.ts";

/**
 * A call's insights record (migration 0037): texts sealed with the account's data key like a memory (the
 * AAD names the call session as the row and the kind `call_insights`, so a record cannot be moved to
 * another call or read as a memory), mood and energy in the clear for the weekly trend.
 */
export type InsightsSource = "model" | "fallback";

export interface InsightTexts {
  summary: string | null;
  topics: string[];
  followUps: string[];
  familyNote: string | null;
}

export interface CallInsights extends InsightTexts {
  callSessionId: string;
  source: InsightsSource;
  mood: number | null;
  energy: number | null;
  privateDropped: number;
}

export interface NewCallInsights extends CallInsights {
  accountId: string;
  lineId: string;
}

const KIND = "call_insights";

function aad(accountId: string, lineId: string, callSessionId: string) {
  return { accountId, lineId, memoryId: callSessionId, kind: KIND, private: false };
}

/**
 * Stores the call's one record. The model's own record replaces an earlier one of its own (it may call the
 * tool again with more); a fallback record is written only when the call has none. False when nothing
 * was written. `tx`: service.
 */
export async function saveCallInsights(tx: Tx, keyring: Keyring, record: NewCallInsights): Promise<boolean> {
  const dataKey = await getOrCreateDataKey(tx, keyring, record.accountId);
  const texts: InsightTexts = {
    summary: record.summary,
    topics: record.topics,
    followUps: record.followUps,
    familyNote: record.familyNote,
  };
  const sealed = await encryptMemoryText(
    dataKey.key,
    JSON.stringify(texts),
    aad(record.accountId, record.lineId, record.callSessionId),
  );
  const rows = await tx`
    insert into public.ultaura_call_insights
      (call_session_id, account_id, line_id, source, mood, energy, ciphertext, iv, key_version, private_dropped)
    values (${record.callSessionId}, ${record.accountId}, ${record.lineId}, ${record.source}, ${record.mood},
      ${record.energy}, decode(${bytesToBase64(sealed.ciphertext)}, 'base64'),
      decode(${bytesToBase64(sealed.iv)}, 'base64'), ${dataKey.keyVersion}, ${record.privateDropped})
    on conflict (call_session_id) do update set
      source = excluded.source, mood = excluded.mood, energy = excluded.energy, ciphertext = excluded.ciphertext,
      iv = excluded.iv, key_version = excluded.key_version, private_dropped = excluded.private_dropped
    where excluded.source = 'model' and public.ultaura_call_insights.source = 'model'
    returning call_session_id`;
  return rows.length === 1;
}

/** A record as read (RLS or service), still sealed. */
export interface SealedInsightsRow {
  call_session_id: string;
  account_id: string;
  line_id: string;
  source: InsightsSource;
  mood: number | null;
  energy: number | null;
  ciphertext: string;
  iv: string;
  key_version: number;
  private_dropped: number;
}

export const INSIGHTS_COLUMNS = `i.call_session_id, i.account_id, i.line_id, i.source, i.mood, i.energy,
  encode(i.ciphertext, 'base64') as ciphertext, encode(i.iv, 'base64') as iv, i.key_version, i.private_dropped`;

async function openRow(row: SealedInsightsRow, key: CryptoKey): Promise<CallInsights> {
  const plain = await decryptMemoryText(
    key,
    { ciphertext: base64ToBytes(row.ciphertext), iv: base64ToBytes(row.iv) },
    aad(row.account_id, row.line_id, row.call_session_id),
  );
  const texts = JSON.parse(plain) as InsightTexts;
  return {
    callSessionId: row.call_session_id,
    source: row.source,
    mood: row.mood,
    energy: row.energy,
    privateDropped: row.private_dropped,
    summary: texts.summary ?? null,
    topics: texts.topics ?? [],
    followUps: texts.followUps ?? [],
    familyNote: texts.familyNote ?? null,
  };
}

/** Decrypts records RLS already returned; their accounts' keys are read on the service connection. */
export async function openCallInsights(
  db: Database,
  keyring: Keyring,
  rows: readonly SealedInsightsRow[],
): Promise<Map<string, CallInsights>> {
  const opened = new Map<string, CallInsights>();
  if (rows.length === 0) return opened;
  const keys = await loadDataKeys(
    db.sql,
    keyring,
    rows.map((r) => ({ accountId: r.account_id, keyVersion: r.key_version })),
  );
  await Promise.all(
    rows.map(async (row) => {
      const key = keys.get(`${row.account_id}/${row.key_version}`);
      if (key) opened.set(row.call_session_id, await openRow(row, key.key));
    }),
  );
  return opened;
}

/** The line's newest record of another call, decrypted (the next call's follow-ups). `tx`: service. */
export async function lastCallInsights(
  tx: Tx,
  keyring: Keyring,
  accountId: string,
  lineId: string,
  exceptSessionId: string,
): Promise<CallInsights | null> {
  const [row] = await tx<SealedInsightsRow[]>`
    select ${tx.unsafe(INSIGHTS_COLUMNS)} from public.ultaura_call_insights i
    where i.account_id = ${accountId} and i.line_id = ${lineId} and i.call_session_id <> ${exceptSessionId}
    order by i.created_at desc limit 1`;
  if (!row) return null;
  const key = await loadDataKey(tx, keyring, accountId, row.key_version);
  return openRow(row, key.key);
}
