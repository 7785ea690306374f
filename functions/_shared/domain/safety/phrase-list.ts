/**
 * The shape of one language's phrase list for the transcript backstop (`phrases-en.ts`, `phrases-es.ts`),
 * read by the scanner in `phrases.ts`. Patterns are regular-expression sources written against normalised
 * text (`../text/normalize.ts`: lowercase, no accents, no apostrophes — "I can't" is "i cant") and matched
 * on whole words.
 */

/** Safety tiers, most severe first. `emergency` is a life in danger now (911); the backstop raises it. */
export const SAFETY_TIERS = ["emergency", "high", "medium", "low"] as const;
export type SafetyTier = (typeof SAFETY_TIERS)[number];

/** The emergencies the backstop names in the family's text. */
export const EMERGENCY_CATEGORIES = ["fall", "chest_pain", "stroke", "breathing", "unresponsive"] as const;
export type EmergencyCategory = (typeof EMERGENCY_CATEGORIES)[number];

/**
 * What Ultaura did about a safety event (its `action_taken`), worded for the family by the copy module:
 * the backstop's hint per tier, or the model's own report (log_safety_concern's actions).
 */
export type SafetyGuidance =
  | "urged_911"
  | "asked_if_safe"
  | "checked_in_988"
  | "checked_in"
  | "listened_and_checked_in"
  | "suggested_988"
  | "suggested_911"
  | "suggested_family"
  | "none";

/** What kind of concern a phrase is about; emergencies name theirs in the family's text. */
export type SafetyCategory =
  | EmergencyCategory
  | "suicide"
  | "self_harm"
  | "abuse"
  | "neglect"
  | "financial"
  | "confusion"
  | "self_neglect"
  | "hopelessness"
  | "loneliness"
  | "low_mood";

export interface SafetyPhrase {
  /** Stored as the safety event's signal (never the caller's words). Unique across languages. */
  label: string;
  tier: SafetyTier;
  category: SafetyCategory;
  /** The phrase itself. A negation just before it in the same clause ("I would never hurt myself") cancels it. */
  pattern: string;
  /** Each of these must also appear somewhere in the same transcript ("fell" … "can't get up"). */
  with?: readonly string[];
  /** Each of these must also appear in the same clause, before or after it ("chest" … "hurts"). */
  near?: readonly string[];
  /** Happening now: cancelled when the transcript places it in the past ("years ago") or calls it long-standing. */
  now?: boolean;
  /** Plain explanations that cancel it anywhere in the transcript ("I ran for the phone"). */
  unless?: readonly string[];
}

export interface PhraseList {
  /** Words that negate a phrase when they come at most a few words before it in its clause. */
  negations: string;
  /** The caller as subject ("I", "me"), and someone else ("my sister", "she"): of the two, the one nearest
   * before a phrase about how someone is (mood, loneliness, suicidal talk, confusion) says whose it is. */
  self: string;
  others: string;
  /** Talk about films, books or the news: nothing in that transcript counts as the caller's own. */
  reported: string;
  /** Time in the past, or a long-standing condition, that cancels `now` phrases. */
  past: string;
  /** Figures of speech removed before scanning ("dead tired", "me muero de risa"). */
  exclusions: readonly string[];
  phrases: readonly SafetyPhrase[];
}
