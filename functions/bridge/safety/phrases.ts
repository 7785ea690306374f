/**
 * The deterministic safety backstop beside the model's own judgement (log_safety_concern): each final
 * caller transcript is scanned so a plain statement of distress or an emergency is never missed. A hit
 * asks the model to check in; only the emergency tier also texts the family (see `./backstop.ts`).
 *
 * The phrase families live in `phrases-en.ts` and `phrases-es.ts` (both always scanned: callers switch
 * languages). A transcript is cut into clauses (punctuation, "but", "pero"); figures of speech are blanked
 * out; a phrase then counts unless a negation comes just before it in its clause ("I would never hurt
 * myself"), the transcript is about a film or book (not for emergencies, which are written first-person),
 * or — for phrases about now — it is set in the past ("years ago"). Measured by `npm run bench safety`
 * against `eval/`; changing a list needs a review, its tests (phrases.test.ts) and the benchmark.
 */

import type {
  PhraseList,
  SafetyCategory,
  SafetyPhrase,
  SafetyTier,
} from "../../_shared/domain/safety/phrase-list.ts";
import { SAFETY_TIERS } from "../../_shared/domain/safety/phrase-list.ts";
import { normalizeText } from "../text/normalize.ts";
import { ENGLISH } from "./phrases-en.ts";
import { SPANISH } from "./phrases-es.ts";

export type { SafetyCategory, SafetyTier } from "../../_shared/domain/safety/phrase-list.ts";

/** How many words before a phrase a negation still cancels it. */
const NEGATION_WINDOW = 4;

const words = (source: string, flags = "") => new RegExp(`\\b(?:${source})\\b`, flags);

interface CompiledPhrase extends Omit<SafetyPhrase, "unless" | "near"> {
  /** Finds the phrase anywhere (cheap first test); `anchor` then finds each place, for the negation check. */
  probe: RegExp;
  anchor: RegExp;
  also: RegExp[];
  near: RegExp[];
  excluding: RegExp[];
}

interface CompiledList {
  /** Any phrase at all: one pass that lets most ordinary transcripts skip the list. */
  any: RegExp;
  negation: RegExp;
  self: RegExp;
  others: RegExp;
  reported: RegExp;
  past: RegExp;
  exclusions: RegExp[];
  phrases: CompiledPhrase[];
}

function compileList(list: PhraseList): CompiledList {
  return {
    any: words(list.phrases.map((phrase) => `(?:${phrase.pattern})`).join("|")),
    negation: words(list.negations),
    self: words(list.self, "g"),
    others: words(list.others, "g"),
    reported: words(list.reported),
    past: words(list.past),
    exclusions: list.exclusions.map((source) => words(source, "g")),
    phrases: list.phrases.map((phrase) => ({
      ...phrase,
      probe: words(phrase.pattern),
      anchor: words(phrase.pattern, "g"),
      also: (phrase.with ?? []).map((source) => words(source)),
      near: (phrase.near ?? []).map((source) => words(source)),
      excluding: (phrase.unless ?? []).map((source) => words(source)),
    })),
  };
}

const LISTS = [ENGLISH, SPANISH].map(compileList);

/** Every phrase of every language, for tests and review. */
export const SAFETY_PHRASES: readonly SafetyPhrase[] = [...ENGLISH.phrases, ...SPANISH.phrases];

/** Normalised clauses: a negation or a phrase never reaches across a sentence, a comma or a "but". */
export function clausesOf(text: string): string[] {
  return (
    text
      .split(/[.!?;:,\n¿¡()"“”]+/)
      // "nothing but a burden" is one thought; "fine, but I fell" is two.
      .flatMap((part) =>
        normalizeText(part).split(
          /\b(?<!(?:nothing|anything|all|everything|last|none) )(?:but|though|although|however|pero|aunque|sino)\b/,
        ),
      )
      .map((clause) => clause.trim())
      .filter((clause) => clause.length > 0)
  );
}

function negatedAt(clause: string, index: number, negation: RegExp): boolean {
  const before = clause.slice(0, index).trim().split(" ").slice(-NEGATION_WINDOW).join(" ");
  return before.length > 0 && negation.test(before);
}

/**
 * Phrases about how someone is: they count only when that someone is the caller. (Not loneliness: "my
 * children never visit" is the caller's loneliness told through others.)
 */
const PERSONAL: ReadonlySet<SafetyCategory> = new Set([
  "suicide",
  "self_harm",
  "hopelessness",
  "low_mood",
  "self_neglect",
  "confusion",
]);

const lastIndexOf = (text: string, pattern: RegExp) =>
  Math.max(-1, ...Array.from(text.matchAll(pattern), (match) => match.index));

/**
 * "My sister has been depressed", "I think she's down": the nearest subject before it is someone else —
 * unless the phrase names the caller itself ("my kids would be better off if I was gone").
 */
function aboutSomeoneElse(clause: string, match: RegExpExecArray, list: CompiledList): boolean {
  if (lastIndexOf(match[0], list.self) >= 0) return false;
  const before = clause.slice(0, match.index);
  return lastIndexOf(before, list.others) > lastIndexOf(before, list.self);
}

function phraseFound(phrase: CompiledPhrase, clauses: string[], list: CompiledList): boolean {
  for (const clause of clauses) {
    if (!phrase.near.every((near) => near.test(clause))) continue;
    for (const match of clause.matchAll(phrase.anchor)) {
      if (negatedAt(clause, match.index, list.negation)) continue;
      if (PERSONAL.has(phrase.category) && aboutSomeoneElse(clause, match, list)) continue;
      return true;
    }
  }
  return false;
}

export interface ScanResult {
  /** The most severe tier found, or null. */
  tier: SafetyTier | null;
  /** Labels of every phrase found at that tier (stored as the event's signals). */
  labels: string[];
  /** Their categories, de-duplicated. */
  categories: SafetyCategory[];
}

/** Scans one transcript and reports the most severe tier with a hit. Pure and deterministic. */
export function scanForSafety(text: string): ScanResult {
  const hits: CompiledPhrase[] = [];
  const plain = clausesOf(text);
  for (const list of LISTS) {
    const clauses = plain.map((clause) =>
      list.exclusions.reduce((scanned, exclusion) => scanned.replace(exclusion, " | "), clause),
    );
    const whole = clauses.join(" | ");
    if (!list.any.test(whole)) continue;
    const reported = list.reported.test(whole);
    const past = list.past.test(whole);
    for (const phrase of list.phrases) {
      if (!phrase.probe.test(whole)) continue;
      if (reported && phrase.tier !== "emergency") continue;
      if (past && phrase.now) continue;
      if (!phrase.also.every((also) => also.test(whole))) continue;
      if (phrase.excluding.some((unless) => unless.test(whole))) continue;
      if (phraseFound(phrase, clauses, list)) hits.push(phrase);
    }
  }
  for (const tier of SAFETY_TIERS) {
    const atTier = hits.filter((hit) => hit.tier === tier);
    if (atTier.length > 0) {
      return {
        tier,
        labels: atTier.map((hit) => hit.label),
        categories: [...new Set(atTier.map((hit) => hit.category))],
      };
    }
  }
  return { tier: null, labels: [], categories: [] };
}
