/**
 * Rotates the memory key-encryption key with no downtime, in two idempotent phases read off `.env.<env>`:
 * - no rotation pending (MEMORY_KEK_PREVIOUS empty): a new random KEK becomes MEMORY_KEK at the next
 *   version, the old one moves to MEMORY_KEK_PREVIOUS, the file is rewritten, the functions' secrets are
 *   published (they now wrap with the new key and still unwrap with the old), then every account's data
 *   key is re-wrapped under the new KEK (functions/_shared/memory/keys.ts). Memory texts never change:
 *   they are encrypted with the data keys, which only get a new wrapping.
 * - a rotation pending: the re-wrap runs again (none left means nothing changes); `finish` then checks
 *   that no data key is wrapped by an old KEK, drops MEMORY_KEK_PREVIOUS and publishes again.
 */

import { rewrapAccountKeys } from "../../functions/_shared/domain/memory/keys.ts";
import { bytesToBase64, randomBytes } from "../../functions/_shared/platform/crypto/bytes.ts";
import { keyringFromEnv } from "../../functions/_shared/platform/crypto/keyring.ts";
import type { Database } from "../../functions/_shared/platform/db.ts";
import type { ProvisionOutcome } from "./outcome.ts";

export type KekValues = { MEMORY_KEK: string; MEMORY_KEK_VERSION: string; MEMORY_KEK_PREVIOUS: string };

export function nextKekValues(current: KekValues, newKey: string): KekValues {
  const version = Number(current.MEMORY_KEK_VERSION);
  const previous = [`${version}:${current.MEMORY_KEK}`, ...current.MEMORY_KEK_PREVIOUS.split(",")].filter(
    Boolean,
  );
  return {
    MEMORY_KEK: newKey,
    MEMORY_KEK_VERSION: String(version + 1),
    MEMORY_KEK_PREVIOUS: previous.join(","),
  };
}

/** `text` (a .env file) with each given variable's line replaced, or appended when absent. */
export function withValues(text: string, updates: Record<string, string>): string {
  let out = text.endsWith("\n") || text === "" ? text : `${text}\n`;
  for (const [name, value] of Object.entries(updates)) {
    const line = `${name}=${value}`;
    const pattern = new RegExp(`^${name}=.*$`, "m");
    out = pattern.test(out) ? out.replace(pattern, line) : `${out}${line}\n`;
  }
  return out;
}

export type RotationDeps = {
  db: Database;
  /** Reads and writes `.env.<env>`. */
  readEnv: () => Record<string, string>;
  writeEnv: (updates: KekValues) => void;
  /** Publishes the functions' secrets (scripts/provision/secrets.ts). */
  publish: (values: Record<string, string>) => Promise<void>;
  newKey?: () => string;
};

async function staleKeys(db: Database, currentVersion: number): Promise<number> {
  const rows = await db.sql<{ stale: number }[]>`
    select count(*)::int as stale from public.ultaura_account_keys where kek_version <> ${currentVersion}`;
  return rows[0]?.stale ?? 0;
}

const kekOf = (values: Record<string, string>): KekValues => ({
  MEMORY_KEK: values.MEMORY_KEK ?? "",
  MEMORY_KEK_VERSION: values.MEMORY_KEK_VERSION ?? "",
  MEMORY_KEK_PREVIOUS: values.MEMORY_KEK_PREVIOUS ?? "",
});

export async function rotateKek(
  deps: RotationDeps,
  options: { finish: boolean; dryRun: boolean; print: (line: string) => void },
): Promise<ProvisionOutcome> {
  const { print, dryRun } = options;
  const values = deps.readEnv();
  const current = kekOf(values);
  await keyringFromEnv(current); // a malformed configuration stops here, before anything changes
  const actions: string[] = [];

  if (options.finish) {
    if (!current.MEMORY_KEK_PREVIOUS) {
      print("No KEK rotation is pending.");
      return { changed: false, actions };
    }
    const stale = await staleKeys(deps.db, Number(current.MEMORY_KEK_VERSION));
    if (stale > 0)
      throw new Error(`${stale} data key(s) are still wrapped by an old KEK: run the re-wrap first`);
    actions.push("drop MEMORY_KEK_PREVIOUS and publish the functions' secrets");
    print(dryRun ? `would ${actions[0]}` : (actions[0] as string));
    if (!dryRun) {
      const next = { ...current, MEMORY_KEK_PREVIOUS: "" };
      deps.writeEnv(next);
      await deps.publish({ ...values, ...next });
    }
    return { changed: !dryRun, actions };
  }

  let target = current;
  if (!current.MEMORY_KEK_PREVIOUS) {
    target = nextKekValues(current, (deps.newKey ?? (() => bytesToBase64(randomBytes(32))))());
    actions.push(
      `new KEK version ${target.MEMORY_KEK_VERSION} in .env (version ${current.MEMORY_KEK_VERSION} moves to MEMORY_KEK_PREVIOUS), published to the functions`,
    );
    print(dryRun ? `would write a ${actions[0]}` : `wrote a ${actions[0]}`);
    if (!dryRun) {
      deps.writeEnv(target);
      await deps.publish({ ...values, ...target });
    }
  }
  const keyring = await keyringFromEnv(target);
  if (dryRun) {
    const pending = await staleKeys(deps.db, keyring.currentVersion);
    print(`would re-wrap ${pending} data key(s) under KEK version ${keyring.currentVersion}`);
    return { changed: false, actions };
  }
  const { rewrapped } = await deps.db.asService((tx) => rewrapAccountKeys(tx, keyring));
  print(`re-wrapped ${rewrapped} data key(s) under KEK version ${keyring.currentVersion}`);
  if (rewrapped > 0) actions.push(`re-wrapped ${rewrapped} data key(s)`);
  if (actions.length === 0)
    print("Nothing to do: every data key is under the current KEK. `finish` ends the rotation.");
  return { changed: actions.length > 0, actions };
}
