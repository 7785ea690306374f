/**
 * Deterministic text matching over decrypted memories: duplicate detection, recall ranking, and the
 * description matching behind "forget that" / "keep that private". Pure: no I/O, no clock.
 *
 * The earlier product deleted the first memory sharing any word with the description; here a match must
 * cover most of the description's content words and beat every other memory clearly, or nothing happens.
 */
import { normalizeText } from "../text/normalize.ts";

// Words that carry no topic in English or Spanish; "forget that" has no content word left, so it matches nothing.
const STOPWORDS = new Set(
  (
    "a an and are as at be been but by did do does for from had has have he her hers him his i im " +
    "in is it its just me my mine of on or our she so that the their them they this those to was we " +
    "were what when where which who will with you your about thing things something stuff said told " +
    "remember forget private again please dont know " +
    "el la los las un una unos unas y o de del al en con por para que se su sus mi mis me lo le les " +
    "es eso esa ese esto esta este fue era yo tu usted nos algo cosa dije olvida recuerda"
  ).split(" "),
);

/** Content words: normalized tokens minus stopwords, de-duplicated, in order. */
export function contentWords(text: string): string[] {
  const words = normalizeText(text)
    .split(" ")
    .filter((word) => word.length > 1 && !STOPWORDS.has(word));
  return [...new Set(words)];
}

// "dahlia" should find "dahlias" and "garden" "gardening": a shared stem of 4+ letters counts for most of a word.
function wordMatch(query: string, candidate: string): number {
  if (query === candidate) return 1;
  const shorter = query.length <= candidate.length ? query : candidate;
  const longer = shorter === query ? candidate : query;
  return shorter.length >= 4 && longer.startsWith(shorter) ? 0.75 : 0;
}

/** Share of the query's content words found in `text` (0–1); 0 when the query has no content words. */
export function relevance(query: string, text: string): number {
  const wanted = contentWords(query);
  if (wanted.length === 0) return 0;
  const present = contentWords(text);
  let total = 0;
  for (const word of wanted) total += Math.max(0, ...present.map((p) => wordMatch(word, p)));
  return total / wanted.length;
}

export interface Scored<T> {
  item: T;
  score: number;
}

/** The best few items for a topic: positive scores only, best first, ties kept in the input's order. */
export function rankByTopic<T>(
  topic: string,
  items: readonly T[],
  textOf: (item: T) => string,
  limit = 3,
): Scored<T>[] {
  return items
    .map((item, index) => ({ item, index, score: relevance(topic, textOf(item)) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ item, score }) => ({ item, score }));
}

export type DescriptionMatch<T> =
  | { kind: "match"; item: T }
  | { kind: "none" }
  | { kind: "ambiguous"; candidates: T[] };

/** A memory must cover at least this share of the description's content words to be a candidate. */
export const MATCH_THRESHOLD = 0.5;
/** …and beat the runner-up by this much to be the one meant. */
export const CLEAR_MARGIN = 0.3;

/**
 * The one item a description clearly means. None when nothing covers enough of it (or it has no content
 * words, like "that"); ambiguous when two or more candidates are about equally good.
 */
export function matchDescription<T>(
  description: string,
  items: readonly T[],
  textOf: (item: T) => string,
): DescriptionMatch<T> {
  const candidates = items
    .map((item) => ({ item, score: relevance(description, textOf(item)) }))
    .filter((entry) => entry.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best) return { kind: "none" };
  if (!second || best.score - second.score >= CLEAR_MARGIN) return { kind: "match", item: best.item };
  const close = candidates.filter((entry) => best.score - entry.score < CLEAR_MARGIN);
  return { kind: "ambiguous", candidates: close.map((entry) => entry.item) };
}

/** Two memory texts say the same thing when their normalized forms are equal. */
export function sameMemoryText(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b);
}

/**
 * Whether `text` (something the family will read) repeats a memory the family may not see: it covers most
 * of that memory's content words, or (a short label such as "knee surgery") most of its own words are in
 * that memory. The same word matching and threshold as "forget that", so there is one notion of "that
 * memory" whichever way it is used.
 */
export function repeatsAny(text: string, secrets: readonly string[]): boolean {
  return secrets.some(
    (secret) => relevance(secret, text) >= MATCH_THRESHOLD || relevance(text, secret) >= MATCH_THRESHOLD,
  );
}
