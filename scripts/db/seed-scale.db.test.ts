import { afterAll, describe, expect, it } from "vitest";
import { listLineMemories } from "../../functions/_shared/domain/memory/store.ts";
import { useTestDatabase } from "../../tests/support/kit.ts";
import { seedScale } from "./seed-scale.ts";

/**
 * The scale seed writes its history with the bulk tables' keys and indexes dropped and its memories
 * encrypted outside the application's code path: here the application opens them, every key, index and
 * foreign key is back (and valid), and the same seed gives the same rows.
 */
const database = useTestDatabase();
afterAll(() => database.resetData());

const seed = (jobs: number) =>
  seedScale(database.url, {
    families: 3,
    seed: 11,
    chunk: 2,
    jobs,
    keyring: database.keyring,
    password: "pw",
  });

/** What must not change between two runs of one seed (timestamps follow the day it runs). */
async function fingerprint(): Promise<Record<string, string>> {
  const [row] = await database.db.sql<Record<string, string>[]>`
    select
      (select md5(string_agg(concat_ws('|', id, status, seconds_connected), ',' order by id))
        from public.ultaura_call_sessions where from_e164 = '+15555550199') as calls,
      (select md5(string_agg(concat_ws('|', call_session_id, type, payload), ',' order by call_session_id, id))
        from public.ultaura_call_events) as events,
      (select md5(string_agg(concat_ws('|', id, encode(ciphertext, 'hex'), encode(iv, 'hex')), ',' order by id))
        from public.ultaura_memories where source_call_session_id is not null) as memories,
      (select md5(string_agg(concat_ws('|', id, tier), ',' order by id)) from public.ultaura_safety_events) as safety,
      (select md5(string_agg(concat_ws('|', call_session_id, billable_minutes), ',' order by call_session_id))
        from public.ultaura_minute_ledger) as ledger`;
  return row as Record<string, string>;
}

async function catalogue() {
  return database.db.sql<{ name: string; valid: boolean }[]>`
    select conname as name, convalidated as valid from pg_constraint
    where conrelid in ('public.ultaura_call_sessions'::regclass, 'public.ultaura_call_events'::regclass,
      'public.ultaura_memories'::regclass, 'public.ultaura_minute_ledger'::regclass)
      or confrelid = 'public.ultaura_call_sessions'::regclass
    union all
    select indexname, true from pg_indexes where tablename like 'ultaura_%'
    order by 1`;
}

describe("the scale seed", () => {
  it("leaves every key, index and foreign key as the migrations made them, valid", async () => {
    const before = await catalogue();
    await seed(2);
    expect(await catalogue()).toEqual(before);
    expect(before.length).toBeGreaterThan(30);
  });

  it("writes memories the application opens", async () => {
    const [line] = await database.db.sql<{ account_id: string; line_id: string; count: number }[]>`
      select account_id, line_id, count(*)::int as count from public.ultaura_memories
      where source_call_session_id is not null group by 1, 2 order by 3 desc limit 1`;
    expect(line?.count).toBeGreaterThan(5);
    const memories = await database.db.asService((tx) =>
      listLineMemories(tx, database.keyring, line?.account_id as string, line?.line_id as string),
    );
    expect(memories.length).toBeGreaterThan(5);
    expect(memories.every((m) => m.text.length > 10)).toBe(true);
  });

  it("gives the same families, calls, events, ledger and memory bytes from the same seed number", async () => {
    const first = await fingerprint();
    expect(Object.values(first).every((v) => typeof v === "string" && v.length === 32)).toBe(true);
    await database.resetData();
    await seed(1);
    expect(await fingerprint()).toEqual(first);
  });
});
