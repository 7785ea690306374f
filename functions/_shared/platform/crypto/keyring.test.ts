import { describe, expect, it } from "vitest";
import { bytesToBase64, randomBytes } from "./bytes.ts";
import { CryptoError } from "./errors.ts";
import { keyringFromEnv } from "./keyring.ts";

const key = () => bytesToBase64(randomBytes(32));

async function configError(env: Record<string, string>): Promise<string> {
  const error = await keyringFromEnv(env).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CryptoError);
  expect((error as CryptoError).code).toBe("bad_key_config");
  return (error as CryptoError).message;
}

describe("keyringFromEnv", () => {
  it("reads the current KEK and the previous ones", async () => {
    const keyring = await keyringFromEnv({
      MEMORY_KEK: key(),
      MEMORY_KEK_VERSION: "3",
      MEMORY_KEK_PREVIOUS: `2:${key()}, 1:${key()}`,
    });
    expect(keyring.currentVersion).toBe(3);
    expect(keyring.versions).toEqual([3, 2, 1]);
    expect(keyring.kek(1)).toBeDefined();
  });

  it("refuses an unknown version loudly", async () => {
    const keyring = await keyringFromEnv({ MEMORY_KEK: key(), MEMORY_KEK_VERSION: "1" });
    expect(() => keyring.kek(2)).toThrow(expect.objectContaining({ code: "unknown_kek_version" }));
  });

  it("names what is wrong and never echoes key material", async () => {
    const short = bytesToBase64(randomBytes(16));
    expect(await configError({ MEMORY_KEK_VERSION: "1" })).toMatch(/MEMORY_KEK is missing/);
    expect(await configError({ MEMORY_KEK: key() })).toMatch(/MEMORY_KEK_VERSION/);
    expect(await configError({ MEMORY_KEK: key(), MEMORY_KEK_VERSION: "0" })).toMatch(/positive integer/);
    expect(await configError({ MEMORY_KEK: key(), MEMORY_KEK_VERSION: "1.5" })).toMatch(/positive integer/);
    const message = await configError({ MEMORY_KEK: short, MEMORY_KEK_VERSION: "1" });
    expect(message).toMatch(/32 bytes/);
    expect(message).not.toContain(short);
    expect(await configError({ MEMORY_KEK: "%%%", MEMORY_KEK_VERSION: "1" })).toMatch(/not base64/);
  });

  it("refuses malformed or duplicate previous keys", async () => {
    const current = key();
    expect(
      await configError({ MEMORY_KEK: current, MEMORY_KEK_VERSION: "2", MEMORY_KEK_PREVIOUS: key() }),
    ).toMatch(/version:base64/);
    expect(
      await configError({ MEMORY_KEK: current, MEMORY_KEK_VERSION: "2", MEMORY_KEK_PREVIOUS: `2:${key()}` }),
    ).toMatch(/configured twice/);
  });
});
