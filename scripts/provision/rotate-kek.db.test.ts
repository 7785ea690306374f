import { beforeEach, describe, expect, it } from "vitest";
import { createMemory, listLineMemories } from "../../functions/_shared/domain/memory/store.ts";
import { bytesToBase64, randomBytes } from "../../functions/_shared/platform/crypto/bytes.ts";
import { keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../tests/support/database.ts";
import { TEST_KEK } from "../../tests/support/test-keys.ts";
import { type KekValues, rotateKek, withValues } from "./rotate-kek.ts";

const database = useTestDatabase();
beforeEach(() => database.resetData());

/** `.env.production` in memory, and what the functions were last given (what a call decrypts with). */
function environment() {
  let file = withValues("# production\nSTRIPE_SECRET_KEY=sk_live_x\n", {
    MEMORY_KEK: TEST_KEK.key,
    MEMORY_KEK_VERSION: String(TEST_KEK.version),
    MEMORY_KEK_PREVIOUS: "",
  });
  const parse = () =>
    Object.fromEntries(
      file
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    ) as Record<string, string>;
  let published = parse();
  const newKey = bytesToBase64(randomBytes(32));
  return {
    newKey,
    file: () => file,
    published: () => published,
    deps: {
      db: database.db,
      readEnv: parse,
      writeEnv: (updates: KekValues) => {
        file = withValues(file, updates);
      },
      publish: async (values: Record<string, string>) => {
        published = values;
      },
      newKey: () => newKey,
    },
  };
}

/** What a call's context reads: the line's memories, decrypted with the functions' current secrets. */
const callReads = async (published: Record<string, string>) => {
  const keyring = await keyringFromEnv(published);
  const memories = await database.db.asService((tx) =>
    listLineMemories(tx, keyring, SEED.accounts.demo, SEED.lines.rose),
  );
  return memories.map((m) => m.text).sort();
};
const remember = (published: Record<string, string>, text: string) =>
  keyringFromEnv(published).then((keyring) =>
    database.db.asService((tx) =>
      createMemory(tx, keyring, {
        accountId: SEED.accounts.demo,
        lineId: SEED.lines.rose,
        kind: "person",
        text,
      }),
    ),
  );

describe("provision: rotating the memory KEK", () => {
  it("a call reads old and new memories before, during and after the rotation; re-runs change nothing", async () => {
    const env = environment();
    const print = () => {};
    await remember(env.published(), "Rose's sister is called June");
    const before = await callReads(env.published());
    expect(before).toContain("Rose's sister is called June");

    const dry = await rotateKek(env.deps, { finish: false, dryRun: true, print });
    expect(dry.changed).toBe(false);
    expect(env.file()).toContain(`MEMORY_KEK=${TEST_KEK.key}\n`);

    const started = await rotateKek(env.deps, { finish: false, dryRun: false, print });
    expect(started.changed).toBe(true);
    expect(env.file()).toContain(
      `MEMORY_KEK=${env.newKey}\nMEMORY_KEK_VERSION=2\nMEMORY_KEK_PREVIOUS=1:${TEST_KEK.key}\n`,
    );
    expect(env.file()).toContain("STRIPE_SECRET_KEY=sk_live_x\n");
    expect(env.published().MEMORY_KEK_VERSION).toBe("2");
    const versions = await database.db.sql<{ kek_version: number }[]>`
      select distinct kek_version from public.ultaura_account_keys`;
    expect(versions).toEqual([{ kek_version: 2 }]);

    // Mid-rotation a call still reads everything, and a memory stored now is read too.
    await remember(env.published(), "Rose likes the Sunday crossword");
    const during = await callReads(env.published());
    expect(during).toEqual([...before, "Rose likes the Sunday crossword"].sort());

    const again = await rotateKek(env.deps, { finish: false, dryRun: false, print });
    expect(again).toEqual({ changed: false, actions: [] });
    expect(env.published().MEMORY_KEK_VERSION).toBe("2");

    const finished = await rotateKek(env.deps, { finish: true, dryRun: false, print });
    expect(finished.changed).toBe(true);
    expect(env.file()).toContain("MEMORY_KEK_PREVIOUS=\n");
    expect(env.published().MEMORY_KEK_PREVIOUS).toBe("");
    expect(await callReads(env.published())).toEqual(during);
    expect(await rotateKek(env.deps, { finish: true, dryRun: false, print })).toEqual({
      changed: false,
      actions: [],
    });
  });

  it("finish refuses while a data key is still wrapped by the old KEK", async () => {
    const env = environment();
    env.deps.writeEnv({
      MEMORY_KEK: env.newKey,
      MEMORY_KEK_VERSION: "2",
      MEMORY_KEK_PREVIOUS: `1:${TEST_KEK.key}`,
    });
    await expect(rotateKek(env.deps, { finish: true, dryRun: false, print: () => {} })).rejects.toThrow(
      "still wrapped by an old KEK",
    );
    expect(env.file()).toContain(`MEMORY_KEK_PREVIOUS=1:${TEST_KEK.key}`);
  });
});
