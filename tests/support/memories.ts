import {
  createMemory,
  type NewMemory,
  openMemories,
  readFamilyMemories,
} from "../../functions/_shared/domain/memory/store.ts";
import type { Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";
import type { Database, JwtClaims } from "../../functions/_shared/platform/db.ts";
import type { TestDatabase } from "./database.ts";

/** The family's view of a line's memories: read as the user, then decrypted, as the API does. */
export async function familyMemories(db: Database, keyring: Keyring, claims: JwtClaims, lineId: string) {
  const rows = await db.asUser(claims, (tx) => readFamilyMemories(tx, lineId, { after: null, limit: 100 }));
  return openMemories(db, keyring, rows);
}

/** A memory stored as the service stores it (encrypted under the account's data key); its id. */
export function addMemory(database: TestDatabase, memory: NewMemory): Promise<string> {
  return database.db.asService((tx) => createMemory(tx, database.keyring, memory));
}
