import { createMemory, type NewMemory } from "../../functions/_shared/domain/memory/store.ts";
import type { Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";
import { createDatabase } from "../../functions/_shared/platform/db.ts";
import { SEED } from "../../supabase/seed-ids.ts";

/** The seeded memories: encrypted by the application, so they are written here rather than in seed.sql. */
export const SEED_MEMORIES: readonly (NewMemory & { id: string })[] = [
  {
    id: SEED.memories.roseGarden,
    accountId: SEED.accounts.demo,
    lineId: SEED.lines.rose,
    kind: "preference",
    text: "Rose grows prize-winning dahlias and loves talking about her garden",
    private: false,
  },
  {
    id: SEED.memories.rosePrivate,
    accountId: SEED.accounts.demo,
    lineId: SEED.lines.rose,
    kind: "health_note",
    text: "Rose is nervous about her cardiology appointment and has not told her son",
    private: true,
  },
];

/** Adds the seeded memories that are missing; existing rows are left as they are. */
export async function seedMemories(databaseUrl: string, keyring: Keyring): Promise<number> {
  const db = createDatabase(databaseUrl, { max: 1 });
  try {
    return await db.asService(async (tx) => {
      let created = 0;
      for (const memory of SEED_MEMORIES) {
        const [exists] = await tx`select 1 from public.ultaura_memories where id = ${memory.id}`;
        if (exists) continue;
        await createMemory(tx, keyring, memory);
        created++;
      }
      return created;
    });
  } finally {
    await db.close();
  }
}
