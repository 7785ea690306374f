import { beforeEach, describe, expect, it } from "vitest";
import { SEED_MEMORIES } from "../../../../scripts/db/seed-memories.ts";
import { SEED } from "../../../../supabase/seed-ids.ts";
import { addMemory, familyMemories, useTestDatabase } from "../../../../tests/support/kit.ts";
import { TEST_KEK } from "../../../../tests/support/test-keys.ts";
import { markMemoryPrivate, refreshMemory } from "../../../bridge/memory/mutations.ts";
import { bytesToBase64, randomBytes } from "../../platform/crypto/bytes.ts";
import { CryptoError } from "../../platform/crypto/errors.ts";
import { createKeyring, type Keyring } from "../../platform/crypto/keyring.ts";
import { rewrapAccountKeys } from "./keys.ts";
import { createMemory, listLineMemories, updateMemoryText } from "./store.ts";

const database = useTestDatabase();
const A: string = SEED.accounts.demo;
const ROSE: string = SEED.lines.rose;

beforeEach(() => database.resetData());

const aiView = (keyring: Keyring = database.keyring, accountId = A, lineId = ROSE) =>
  database.db.asService((tx) => listLineMemories(tx, keyring, accountId, lineId));

/** A fact on the paid seed account's line (an account with its own data key). */
const paidFact = (text: string) =>
  addMemory(database, {
    accountId: SEED.accounts.paid,
    lineId: SEED.lines.paid,
    kind: "fact",
    text,
  });

async function expectDecryptFailure(promise: Promise<unknown>, code: CryptoError["code"] = "decrypt_failed") {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CryptoError);
  expect((error as CryptoError).code).toBe(code);
}

describe("seeded memories", () => {
  it("decrypt for the AI, private one included", async () => {
    const memories = await aiView();
    expect(memories.map((m) => m.text).sort()).toEqual(SEED_MEMORIES.map((m) => m.text).sort());
    expect(memories.find((m) => m.id === SEED.memories.rosePrivate)?.private).toBe(true);
  });

  it("the family sees only the non-private one", async () => {
    const memories = await familyMemories(
      database.db,
      database.keyring,
      database.claims(SEED.users.demo.id),
      ROSE,
    );
    expect(memories.map((m) => m.id)).toEqual([SEED.memories.roseGarden]);
  });

  it("another account's member sees none of them", async () => {
    const memories = await familyMemories(
      database.db,
      database.keyring,
      database.claims(SEED.users.paid.id),
      ROSE,
    );
    expect(memories).toEqual([]);
  });

  it("a dump of ultaura_memories contains none of their text", async () => {
    const dump = await database.db.asService(
      (tx) => tx<{ row: string; raw: string }[]>`
        select row_to_json(m)::text as row, encode(m.ciphertext, 'escape') as raw
        from public.ultaura_memories m`,
    );
    expect(dump).toHaveLength(SEED_MEMORIES.length);
    const text = dump
      .map((d) => d.row + d.raw)
      .join("\n")
      .toLowerCase();
    for (const memory of SEED_MEMORIES) {
      expect(text).not.toContain(memory.text.toLowerCase());
      for (const word of memory.text
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length >= 6)) {
        expect(text).not.toContain(word);
      }
    }
    const columns = await database.db.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_name = 'ultaura_memories'`;
    expect(columns.map((c) => c.column_name)).not.toContain("content");
    expect(columns.map((c) => c.column_name)).not.toContain("text");
  });
});

describe("database round trip", () => {
  it("stores bytes exactly and reads back the same text", async () => {
    const text = "Ella dijo: «me encanta el café» 🌻\nsecond line";
    const id = await database.db.asService((tx) =>
      createMemory(tx, database.keyring, { accountId: A, lineId: ROSE, kind: "fact", text }),
    );
    const [row] = await database.db.asService(
      (tx) => tx<{ ct: number; iv: number }[]>`
        select length(ciphertext) as ct, length(iv) as iv from public.ultaura_memories where id = ${id}`,
    );
    expect(row).toEqual({ ct: new TextEncoder().encode(text).length + 16, iv: 12 });
    expect((await aiView()).find((m) => m.id === id)?.text).toBe(text);
  });

  it("updates text in place with a fresh IV", async () => {
    const ivOf = async () =>
      (
        await database.db.sql<{ iv: string }[]>`
          select encode(iv, 'hex') as iv from public.ultaura_memories where id = ${SEED.memories.roseGarden}`
      )[0]?.iv;
    const before = await ivOf();
    const target = { id: SEED.memories.roseGarden, accountId: A, lineId: ROSE };
    expect(
      await database.db.asService((tx) =>
        updateMemoryText(tx, database.keyring, target, "Rose grows roses too"),
      ),
    ).toBe(true);
    expect(await ivOf()).not.toBe(before);
    expect((await aiView()).find((m) => m.id === SEED.memories.roseGarden)?.text).toBe(
      "Rose grows roses too",
    );
    const elsewhere = { ...target, accountId: SEED.accounts.paid, lineId: SEED.lines.paid };
    expect(await database.db.asService((tx) => updateMemoryText(tx, database.keyring, elsewhere, "x"))).toBe(
      false,
    );
  });

  it("creates one data key per account, wrapped under the current KEK", async () => {
    await paidFact("a");
    await paidFact("b");
    const keys = await database.db.sql<{ account_id: string; kek_version: number }[]>`
      select account_id, kek_version from public.ultaura_account_keys order by account_id`;
    expect(keys).toEqual([
      { account_id: A, kek_version: TEST_KEK.version },
      { account_id: SEED.accounts.paid, kek_version: TEST_KEK.version },
    ]);
  });
});

describe("tampering fails loudly", () => {
  it("a flipped byte in the stored ciphertext", async () => {
    await database.db.sql`
      update public.ultaura_memories
      set ciphertext = set_byte(ciphertext, 3, get_byte(ciphertext, 3) # 1)
      where id = ${SEED.memories.roseGarden}`;
    await expectDecryptFailure(aiView());
  });

  it("a flipped byte in the stored IV", async () => {
    await database.db.sql`
      update public.ultaura_memories set iv = set_byte(iv, 0, get_byte(iv, 0) # 128)
      where id = ${SEED.memories.rosePrivate}`;
    await expectDecryptFailure(aiView());
  });

  it("two rows' ciphertexts swapped", async () => {
    await database.db.sql`
      update public.ultaura_memories m set ciphertext = o.ciphertext, iv = o.iv
      from public.ultaura_memories o
      where (m.id, o.id) in ((${SEED.memories.roseGarden}::uuid, ${SEED.memories.rosePrivate}::uuid),
                             (${SEED.memories.rosePrivate}::uuid, ${SEED.memories.roseGarden}::uuid))`;
    await expectDecryptFailure(aiView());
  });

  it("a private memory un-privated by a database write (the family would see it)", async () => {
    await database.db.sql`
      update public.ultaura_memories set private = false where id = ${SEED.memories.rosePrivate}`;
    await expectDecryptFailure(aiView());
  });

  it("a memory re-kinded by a database write", async () => {
    await database.db.sql`
      update public.ultaura_memories set kind = 'call_summary' where id = ${SEED.memories.roseGarden}`;
    await expectDecryptFailure(aiView());
  });

  it("mark_private re-encrypts: the flag is sealed in, and setting it back in the database unseals nothing", async () => {
    const target = { id: SEED.memories.roseGarden, accountId: A, lineId: ROSE };
    expect(await database.db.asService((tx) => markMemoryPrivate(tx, database.keyring, target))).toBe(true);
    const garden = (await aiView()).find((m) => m.id === SEED.memories.roseGarden);
    expect(garden?.private).toBe(true);
    const familyView = await familyMemories(
      database.db,
      database.keyring,
      database.claims(SEED.users.demo.id),
      ROSE,
    );
    expect(familyView.map((m) => m.id)).not.toContain(SEED.memories.roseGarden);
    await database.db
      .sql`update public.ultaura_memories set private = false where id = ${SEED.memories.roseGarden}`;
    await expectDecryptFailure(aiView());
  });

  it("a refresh changes kind and only tightens privacy, re-encrypting both", async () => {
    const target = { id: SEED.memories.rosePrivate, accountId: A, lineId: ROSE };
    await database.db.asService((tx) =>
      refreshMemory(tx, database.keyring, target, { kind: "fact", private: false }),
    );
    const refreshed = (await aiView()).find((m) => m.id === SEED.memories.rosePrivate);
    expect(refreshed).toMatchObject({ kind: "fact", private: true });
  });

  it("a row moved to another account (with that account's own key)", async () => {
    await paidFact("x");
    await database.db.sql`
      update public.ultaura_memories set account_id = ${SEED.accounts.paid}, line_id = ${SEED.lines.paid}
      where id = ${SEED.memories.roseGarden}`;
    await expectDecryptFailure(aiView(database.keyring, SEED.accounts.paid, SEED.lines.paid));
  });

  it("a wrapped data key copied to another account", async () => {
    await database.db.sql`
      insert into public.ultaura_account_keys (account_id, key_version, wrapped_key, wrap_iv, kek_version)
      select ${SEED.accounts.paid}, key_version, wrapped_key, wrap_iv, kek_version
      from public.ultaura_account_keys where account_id = ${A}`;
    await database.db.sql`
      update public.ultaura_memories set account_id = ${SEED.accounts.paid}, line_id = ${SEED.lines.paid}
      where id = ${SEED.memories.roseGarden}`;
    await expectDecryptFailure(aiView(database.keyring, SEED.accounts.paid, SEED.lines.paid));
  });
});

describe("KEK rotation", () => {
  it("keeps every memory readable, and the retired KEK is then refused", async () => {
    await addMemory(database, {
      accountId: SEED.accounts.low,
      lineId: SEED.lines.low,
      kind: "person",
      text: "Walter's dog is Biscuit",
    });
    const before = [
      ...(await aiView()),
      ...(await aiView(database.keyring, SEED.accounts.low, SEED.lines.low)),
    ];
    const v2 = { version: TEST_KEK.version + 1, key: bytesToBase64(randomBytes(32)) };

    const newOnly = await createKeyring(v2);
    await expectDecryptFailure(aiView(newOnly), "unknown_kek_version");

    const rotating = await createKeyring(v2, [TEST_KEK]);
    expect(await database.db.asService((tx) => rewrapAccountKeys(tx, rotating))).toEqual({ rewrapped: 2 });
    expect(await database.db.asService((tx) => rewrapAccountKeys(tx, rotating))).toEqual({ rewrapped: 0 });
    const versions = await database.db.sql<
      { kek_version: number }[]
    >`select distinct kek_version from public.ultaura_account_keys`;
    expect(versions).toEqual([{ kek_version: v2.version }]);

    const after = [...(await aiView(newOnly)), ...(await aiView(newOnly, SEED.accounts.low, SEED.lines.low))];
    expect(after.map((m) => [m.id, m.text])).toEqual(before.map((m) => [m.id, m.text]));
    await expectDecryptFailure(aiView(database.keyring), "unknown_kek_version");
  });

  it("a re-wrap without the old KEK fails and changes nothing", async () => {
    const newOnly = await createKeyring({ version: 2, key: bytesToBase64(randomBytes(32)) });
    await expectDecryptFailure(
      database.db.asService((tx) => rewrapAccountKeys(tx, newOnly)),
      "unknown_kek_version",
    );
    expect((await aiView()).length).toBe(SEED_MEMORIES.length);
  });
});
