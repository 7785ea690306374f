import { createCipheriv, createHash, createHmac } from "node:crypto";
import type postgres from "postgres";
import { memoryAad, wrapDataKey } from "../../functions/_shared/platform/crypto/envelope.ts";
import type { Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";
import { MEMORY_PLAN } from "./seed-scale-sql.ts";

/**
 * The scale seed's encrypted memories, in the application's envelope format (AES-256-GCM, the tag after
 * the ciphertext, the memory's context as associated data) but encrypted in bulk with node:crypto and
 * written in batches. Data keys and IVs are derived from the seed number, so a seed's memories are the
 * same bytes on every run: anyone who knows the seed number can read them — fine for invented families,
 * which is all this seed ever writes. Only the wrapped keys differ (wrapped under the KEK, random IV).
 */
const MEMORY_TEXTS = [
  "Talked about the garden: the tomatoes are late this year",
  "Her granddaughter Emma starts university in the autumn",
  "Enjoys the radio quiz on Sunday afternoons",
  "Walked to the bakery with a neighbour this morning",
  "Misses playing cards with the Thursday group",
  "Prefers tea with honey, never sugar",
  "Son Michael visits on the first weekend of the month",
  "Worried about the stairs after the rain",
  "Is reading a mystery novel set in Venice",
  "Had a good check-up at the doctor's",
] as const;
const MEMORY_KINDS = ["fact", "preference", "person", "event", "health_note", "call_summary"] as const;

/** Raw data key of each scale account, derived from the seed; stored wrapped in ultaura_account_keys. */
export async function writeAccountKeys(
  sql: postgres.Sql,
  keyring: Keyring,
  seed: number,
): Promise<Map<string, Buffer>> {
  const accounts = await sql<{ account_id: string }[]>`select account_id from scale_families order by f`;
  const keys = new Map<string, Buffer>();
  const columns = { account: [] as string[], key: [] as string[], iv: [] as string[], kek: [] as number[] };
  for (const { account_id } of accounts) {
    const raw = createHmac("sha256", `ultaura-scale-seed:${seed}`).update(account_id).digest();
    keys.set(account_id, raw);
    const wrapped = await wrapDataKey(keyring, new Uint8Array(raw), { accountId: account_id, keyVersion: 1 });
    columns.account.push(account_id);
    columns.key.push(Buffer.from(wrapped.wrappedKey).toString("hex"));
    columns.iv.push(Buffer.from(wrapped.wrapIv).toString("hex"));
    columns.kek.push(wrapped.kekVersion);
  }
  await sql`
    insert into public.ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
    select a, 1, decode(k, 'hex'), decode(v, 'hex'), n
    from unnest(${columns.account}::uuid[], ${columns.key}::text[], ${columns.iv}::text[], ${columns.kek}::int[])
      as t(a, k, v, n)`;
  return keys;
}

interface PlannedMemory {
  id: string;
  account_id: string;
  line_id: string;
  call_id: string;
  phone: string;
  created_at: Date;
  r: number;
}

const MEMORY_BATCH = 5_000;

/** The chunk's memories (MEMORY_PLAN over scale_calls), encrypted and written; returns how many. */
export async function writeMemories(
  tx: postgres.TransactionSql,
  keys: Map<string, Buffer>,
  seed: number,
): Promise<number> {
  const plan = await tx.unsafe<PlannedMemory[]>(MEMORY_PLAN);
  if (plan.length === 0) return 0;
  const columns = {
    id: [] as string[],
    account: [] as string[],
    line: [] as string[],
    kind: [] as string[],
    ciphertext: [] as string[],
    iv: [] as string[],
    private: [] as string[],
    call: [] as string[],
    at: [] as string[],
    phone: [] as string[],
  };
  for (const row of plan) {
    const key = keys.get(row.account_id);
    if (!key) throw new Error(`no data key for account ${row.account_id}`);
    const kind = MEMORY_KINDS[row.r % MEMORY_KINDS.length] as string;
    const text = MEMORY_TEXTS[Math.floor(row.r / 6) % MEMORY_TEXTS.length] as string;
    const isPrivate = Math.floor(row.r / 60) % 10 === 0;
    const iv = createHash("sha256").update(`iv:${seed}:${row.id}`).digest().subarray(0, 12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(
      memoryAad({
        accountId: row.account_id,
        lineId: row.line_id,
        memoryId: row.id,
        kind,
        private: isPrivate,
      }),
    );
    const sealed = Buffer.concat([cipher.update(text, "utf8"), cipher.final(), cipher.getAuthTag()]);
    columns.id.push(row.id);
    columns.account.push(row.account_id);
    columns.line.push(row.line_id);
    columns.kind.push(kind);
    columns.ciphertext.push(sealed.toString("hex"));
    columns.iv.push(iv.toString("hex"));
    columns.private.push(isPrivate ? "t" : "f");
    columns.call.push(row.call_id);
    columns.at.push(row.created_at.toISOString());
    // The number the memory was told on (0026): the line's, as the trigger that sets it is off here.
    columns.phone.push(row.phone);
  }
  // Arrays unnested in batches, not COPY: the embedded database's socket (pglite-socket) has no COPY FROM
  // STDIN, and one statement per batch is as fast on PostgreSQL at these sizes.
  for (let from = 0; from < plan.length; from += MEMORY_BATCH) {
    const part = <T>(values: T[]) => values.slice(from, from + MEMORY_BATCH);
    await tx`
      insert into public.ultaura_memories (id, account_id, line_id, kind, ciphertext, iv, key_version, private,
        source_call_session_id, created_at, updated_at, phone_e164)
      select m.id::uuid, m.account_id::uuid, m.line_id::uuid, m.kind::public.ultaura_memory_kind,
        decode(m.ciphertext, 'hex'), decode(m.iv, 'hex'), 1, m.private::boolean, m.call_id::uuid,
        m.at::timestamptz, m.at::timestamptz, m.phone
      from unnest(
        ${part(columns.id)}::text[], ${part(columns.account)}::text[], ${part(columns.line)}::text[],
        ${part(columns.kind)}::text[], ${part(columns.ciphertext)}::text[], ${part(columns.iv)}::text[],
        ${part(columns.private)}::text[], ${part(columns.call)}::text[], ${part(columns.at)}::text[],
        ${part(columns.phone)}::text[]
      ) as m(id, account_id, line_id, kind, ciphertext, iv, private, call_id, at, phone)`;
  }
  return plan.length;
}
