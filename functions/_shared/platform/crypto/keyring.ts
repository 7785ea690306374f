import { base64ToBytes } from "./bytes.ts";
import { CryptoError } from "./errors.ts";

/**
 * Key-encryption keys (KEKs) from the environment:
 *
 *   MEMORY_KEK           base64 of 32 random bytes — the current KEK; new data keys are wrapped with it
 *   MEMORY_KEK_VERSION   positive integer naming MEMORY_KEK
 *   MEMORY_KEK_PREVIOUS  optional, comma-separated `version:base64` — retired KEKs still accepted for
 *                        unwrapping during a rotation, until every data key is re-wrapped
 *
 * Rotation: put the new key in MEMORY_KEK with a higher version, move the old one to
 * MEMORY_KEK_PREVIOUS, deploy, run the re-wrap (scripts/db/rewrap-keys.ts), then drop the old entry.
 */
export interface KeyringEnv {
  MEMORY_KEK?: string | undefined;
  MEMORY_KEK_VERSION?: string | undefined;
  MEMORY_KEK_PREVIOUS?: string | undefined;
}

export interface KekMaterial {
  version: number;
  /** base64 of exactly 32 bytes. */
  key: string;
}

export interface Keyring {
  readonly currentVersion: number;
  /** Versions this keyring can unwrap, current first. */
  readonly versions: readonly number[];
  /** The KEK of `version`; throws `unknown_kek_version` when it is not held. */
  kek(version: number): CryptoKey;
}

export async function createKeyring(
  current: KekMaterial,
  previous: readonly KekMaterial[] = [],
): Promise<Keyring> {
  const all = [current, ...previous];
  const keys = new Map<number, CryptoKey>();
  for (const material of all) {
    if (!Number.isSafeInteger(material.version) || material.version < 1) {
      throw new CryptoError("bad_key_config", "KEK versions must be positive integers");
    }
    if (keys.has(material.version)) {
      throw new CryptoError("bad_key_config", `KEK version ${material.version} is configured twice`);
    }
    keys.set(material.version, await importKek(material));
  }
  return {
    currentVersion: current.version,
    versions: all.map((m) => m.version),
    kek(version) {
      const key = keys.get(version);
      if (!key) throw new CryptoError("unknown_kek_version", `KEK version ${version} is not configured`);
      return key;
    },
  };
}

export async function keyringFromEnv(env: KeyringEnv): Promise<Keyring> {
  if (!env.MEMORY_KEK) throw new CryptoError("bad_key_config", "MEMORY_KEK is missing");
  const version = parseVersion(env.MEMORY_KEK_VERSION ?? "", "MEMORY_KEK_VERSION");
  const previous = (env.MEMORY_KEK_PREVIOUS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const separator = entry.indexOf(":");
      if (separator < 1)
        throw new CryptoError("bad_key_config", "MEMORY_KEK_PREVIOUS entries are version:base64");
      return {
        version: parseVersion(entry.slice(0, separator), "MEMORY_KEK_PREVIOUS"),
        key: entry.slice(separator + 1),
      };
    });
  return createKeyring({ version, key: env.MEMORY_KEK }, previous);
}

function parseVersion(text: string, name: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text))
    throw new CryptoError("bad_key_config", `${name} must be a positive integer`);
  return Number(text);
}

async function importKek({ version, key }: KekMaterial): Promise<CryptoKey> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = base64ToBytes(key);
  } catch {
    throw new CryptoError("bad_key_config", `KEK version ${version} is not base64`);
  }
  if (raw.length !== 32) throw new CryptoError("bad_key_config", `KEK version ${version} must be 32 bytes`);
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}
