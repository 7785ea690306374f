import type { KeyringEnv } from "../../functions/_shared/platform/crypto/keyring.ts";

/**
 * The KEK local databases are seeded with when MEMORY_KEK is not set. Public, so only ever for data on
 * this machine: the CLI refuses it for any non-local database.
 */
export const LOCAL_MEMORY_KEK: Required<Pick<KeyringEnv, "MEMORY_KEK" | "MEMORY_KEK_VERSION">> = {
  MEMORY_KEK: "JLbibiMTkVCzTtgPyMKhYgunYmXDXQ6atPdSF9zHArA=",
  MEMORY_KEK_VERSION: "1",
};

export function isLocalDatabaseUrl(databaseUrl: string): boolean {
  const host = new URL(databaseUrl).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}
