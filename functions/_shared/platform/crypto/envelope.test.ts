import { describe, expect, it } from "vitest";
import { bytesToBase64, randomBytes } from "./bytes.ts";
import {
  createDataKey,
  decryptMemoryText,
  encryptMemoryText,
  type MemoryContext,
  rewrapDataKey,
  unwrapDataKey,
  type WrappedDataKey,
} from "./envelope.ts";
import { CryptoError } from "./errors.ts";
import { createKeyring } from "./keyring.ts";

const ACCOUNT = "20000000-0000-4000-8000-000000000001";
const OTHER_ACCOUNT = "20000000-0000-4000-8000-000000000002";
const context: MemoryContext = {
  accountId: ACCOUNT,
  lineId: "30000000-0000-4000-8000-000000000001",
  memoryId: "60000000-0000-4000-8000-000000000001",
  kind: "health_note",
  private: true,
};
const kek = () => bytesToBase64(randomBytes(32));

async function expectCryptoError(promise: Promise<unknown>, code: CryptoError["code"]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CryptoError);
  expect((error as CryptoError).code).toBe(code);
}

function flipped(bytes: Uint8Array<ArrayBuffer>, index: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe("memory envelope encryption", async () => {
  const keyring = await createKeyring({ version: 1, key: kek() });
  const { key: dataKey, wrapped } = await createDataKey(keyring, { accountId: ACCOUNT, keyVersion: 1 });

  it("round-trips text, including empty and non-ASCII text", async () => {
    for (const text of ["She loves dahlias", "", "Le encanta el café — 🌻"]) {
      const sealed = await encryptMemoryText(dataKey, text, context);
      expect(sealed.iv).toHaveLength(12);
      expect(sealed.ciphertext).toHaveLength(new TextEncoder().encode(text).length + 16);
      expect(await decryptMemoryText(dataKey, sealed, context)).toBe(text);
    }
  });

  it("uses a fresh IV every time", async () => {
    const a = await encryptMemoryText(dataKey, "same", context);
    const b = await encryptMemoryText(dataKey, "same", context);
    expect(bytesToBase64(a.iv)).not.toBe(bytesToBase64(b.iv));
    expect(bytesToBase64(a.ciphertext)).not.toBe(bytesToBase64(b.ciphertext));
  });

  it("fails loudly on any flipped byte of ciphertext or IV", async () => {
    const sealed = await encryptMemoryText(dataKey, "Rose's garden", context);
    for (let i = 0; i < sealed.ciphertext.length; i++) {
      await expectCryptoError(
        decryptMemoryText(dataKey, { ...sealed, ciphertext: flipped(sealed.ciphertext, i) }, context),
        "decrypt_failed",
      );
    }
    for (let i = 0; i < sealed.iv.length; i++) {
      await expectCryptoError(
        decryptMemoryText(dataKey, { ...sealed, iv: flipped(sealed.iv, i) }, context),
        "decrypt_failed",
      );
    }
  });

  it("binds the ciphertext to its kind and private flag", async () => {
    const sealed = await encryptMemoryText(dataKey, "kept between us", context);
    for (const altered of [
      { ...context, private: false },
      { ...context, kind: "fact" },
    ]) {
      await expectCryptoError(decryptMemoryText(dataKey, sealed, altered), "decrypt_failed");
    }
  });

  it("binds the ciphertext to its account, line and row", async () => {
    const sealed = await encryptMemoryText(dataKey, "bound", context);
    for (const moved of [
      { ...context, accountId: OTHER_ACCOUNT },
      { ...context, lineId: "30000000-0000-4000-8000-000000000002" },
      { ...context, memoryId: "60000000-0000-4000-8000-000000000002" },
    ]) {
      await expectCryptoError(decryptMemoryText(dataKey, sealed, moved), "decrypt_failed");
    }
    // Upper-case ids are the same ids.
    const upper = { ...context, memoryId: context.memoryId.toUpperCase() };
    expect(await decryptMemoryText(dataKey, sealed, upper)).toBe("bound");
  });

  it("refuses another account's data key", async () => {
    const other = await createDataKey(keyring, { accountId: OTHER_ACCOUNT, keyVersion: 1 });
    const sealed = await encryptMemoryText(dataKey, "mine", context);
    await expectCryptoError(decryptMemoryText(other.key, sealed, context), "decrypt_failed");
  });

  it("unwraps a data key only for its own account and version", async () => {
    const unwrapped = await unwrapDataKey(keyring, wrapped, { accountId: ACCOUNT, keyVersion: 1 });
    const sealed = await encryptMemoryText(unwrapped, "via unwrapped key", context);
    expect(await decryptMemoryText(dataKey, sealed, context)).toBe("via unwrapped key");
    await expectCryptoError(
      unwrapDataKey(keyring, wrapped, { accountId: OTHER_ACCOUNT, keyVersion: 1 }),
      "decrypt_failed",
    );
    await expectCryptoError(
      unwrapDataKey(keyring, wrapped, { accountId: ACCOUNT, keyVersion: 2 }),
      "decrypt_failed",
    );
    for (let i = 0; i < wrapped.wrappedKey.length; i++) {
      const tampered: WrappedDataKey = { ...wrapped, wrappedKey: flipped(wrapped.wrappedKey, i) };
      await expectCryptoError(
        unwrapDataKey(keyring, tampered, { accountId: ACCOUNT, keyVersion: 1 }),
        "decrypt_failed",
      );
    }
  });

  it("refuses a wrapped key relabelled with another KEK version", async () => {
    const both = await createKeyring({ version: 2, key: kek() }, [{ version: 1, key: kek() }]);
    const made = await createDataKey(both, { accountId: ACCOUNT, keyVersion: 1 });
    const relabelled = { ...made.wrapped, kekVersion: 1 };
    await expectCryptoError(
      unwrapDataKey(both, relabelled, { accountId: ACCOUNT, keyVersion: 1 }),
      "decrypt_failed",
    );
  });

  it("rotates: re-wraps under the new KEK, keeps data readable, and the retired KEK is refused", async () => {
    const v1 = { version: 1, key: kek() };
    const v2 = { version: 2, key: kek() };
    const old = await createKeyring(v1);
    const { key, wrapped: wrappedV1 } = await createDataKey(old, { accountId: ACCOUNT, keyVersion: 1 });
    const sealed = await encryptMemoryText(key, "kept through rotation", context);

    const rotating = await createKeyring(v2, [v1]);
    const wrappedV2 = await rewrapDataKey(rotating, wrappedV1, { accountId: ACCOUNT, keyVersion: 1 });
    expect(wrappedV2.kekVersion).toBe(2);

    const retired = await createKeyring(v2);
    const afterRotation = await unwrapDataKey(retired, wrappedV2, { accountId: ACCOUNT, keyVersion: 1 });
    expect(await decryptMemoryText(afterRotation, sealed, context)).toBe("kept through rotation");
    await expectCryptoError(
      unwrapDataKey(retired, wrappedV1, { accountId: ACCOUNT, keyVersion: 1 }),
      "unknown_kek_version",
    );

    // A key of the same version number but different bytes is not the retired key.
    const impostor = await createKeyring({ version: 1, key: kek() });
    await expectCryptoError(
      unwrapDataKey(impostor, wrappedV1, { accountId: ACCOUNT, keyVersion: 1 }),
      "decrypt_failed",
    );
  });
});
