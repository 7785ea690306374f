import { createKeyring, type Keyring } from "../../functions/_shared/platform/crypto/keyring.ts";

/** The KEK test databases are seeded with (never used anywhere else). */
export const TEST_KEK = { version: 1, key: "QHufL2TcdBsYkAtgi3o34yp2eQxPAbNIi64Fdln37IU=" } as const;

export function testKeyring(): Promise<Keyring> {
  return createKeyring(TEST_KEK);
}
