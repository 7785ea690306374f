/**
 * Short memory ids for the model: "m" + 8 hex digits of SHA-256(memory id). Stateless and stable for a
 * memory's lifetime (unlike "m1, m2…", which shift when one is forgotten), short enough that the model
 * repeats them faithfully, and never resolved by guessing: a reference matching no memory of the line, or
 * more than one, is reported as such. The full UUID is accepted too.
 */

const REF_PATTERN = /^m[0-9a-f]{8}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function memoryRef(memoryId: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(memoryId.toLowerCase()));
  const hex = [...new Uint8Array(digest).slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `m${hex}`;
}

export type RefResolution<T> =
  | { kind: "found"; item: T }
  | { kind: "not_found" }
  | { kind: "ambiguous"; candidates: T[] }
  | { kind: "malformed" };

/** Finds the memory a reference (short id or UUID) names among `items` — the session line's memories. */
export async function resolveMemoryRef<T extends { id: string }>(
  reference: string,
  items: readonly T[],
): Promise<RefResolution<T>> {
  const wanted = reference.trim().toLowerCase();
  if (UUID_PATTERN.test(wanted)) {
    const item = items.find((candidate) => candidate.id.toLowerCase() === wanted);
    return item ? { kind: "found", item } : { kind: "not_found" };
  }
  if (!REF_PATTERN.test(wanted)) return { kind: "malformed" };
  const matches: T[] = [];
  for (const item of items) if ((await memoryRef(item.id)) === wanted) matches.push(item);
  const [first, ...rest] = matches;
  if (!first) return { kind: "not_found" };
  return rest.length === 0 ? { kind: "found", item: first } : { kind: "ambiguous", candidates: matches };
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value.toLowerCase());
}

/** Short ids for family messages in the instructions: "f" + 8 hex digits, derived like memory ids. */
export async function messageRef(messageId: string): Promise<string> {
  return `f${(await memoryRef(messageId)).slice(1)}`;
}
