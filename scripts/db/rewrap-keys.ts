import { rewrapAccountKeys } from "../../functions/_shared/domain/memory/keys.ts";
import { keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import { createDatabase } from "../../functions/_shared/platform/db.ts";

/**
 * KEK rotation, step 2: `DATABASE_URL=… MEMORY_KEK=<new> MEMORY_KEK_VERSION=<n+1>
 * MEMORY_KEK_PREVIOUS=<n>:<old> npx tsx scripts/db/rewrap-keys.ts` re-wraps every account data key under
 * the new KEK in one transaction. Afterwards MEMORY_KEK_PREVIOUS can drop the old key.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required");
  const keyring = await keyringFromEnv(process.env);
  const db = createDatabase(databaseUrl, { max: 1 });
  try {
    const { rewrapped } = await db.asService((tx) => rewrapAccountKeys(tx, keyring));
    console.log(`re-wrapped ${rewrapped} data key(s) under KEK version ${keyring.currentVersion}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
