/**
 * Unwrapped keys kept in the isolate: at most `max` entries, each for `ttlMs` after it was stored, the
 * least recently used dropped first. Unwrapping a data key is a database read and an AES-GCM decryption
 * per request otherwise; the TTL bounds how long a key outlives its row in memory.
 */
export interface KeyCache {
  get(id: string): CryptoKey | undefined;
  set(id: string, key: CryptoKey): void;
}

export function createKeyCache({
  max,
  ttlMs,
  now = Date.now,
}: {
  max: number;
  ttlMs: number;
  now?: () => number;
}): KeyCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, { key: CryptoKey; expires: number }>();
  return {
    get(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      entries.delete(id);
      if (entry.expires <= now()) return undefined;
      entries.set(id, entry);
      return entry.key;
    },
    set(id, key) {
      entries.delete(id);
      entries.set(id, { key, expires: now() + ttlMs });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
