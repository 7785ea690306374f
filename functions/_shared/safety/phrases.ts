/**
 * The deterministic safety backstop's phrase lists — the ONE reviewed place for them. The model judges
 * distress itself (log_safety_concern); this scan of the caller's final transcripts only makes sure a
 * plain statement is never missed. A hit asks the model to check in; it never alerts anyone by itself.
 *
 * Patterns are written against normalized text (lowercase, accents and apostrophes removed: "don't" →
 * "dont", "daño" → "dano") and matched on word boundaries. Exclusions are figures of speech removed before
 * scanning, so "dead tired" or "me muero de risa" never count, while a real phrase elsewhere in the same
 * sentence still does. Changing this file needs a review and its tests (phrases.test.ts).
 */
export type SafetyTier = "low" | "medium" | "high";

export interface SafetyPhrase {
  /** Short label stored as the safety event's signal (never the caller's words). */
  label: string;
  tier: SafetyTier;
  pattern: string;
}

export const SAFETY_PHRASES: readonly SafetyPhrase[] = [
  // High: self-harm or a life in danger now.
  {
    label: "suicide",
    tier: "high",
    pattern: "suicid(e|al)|kill(ing)? myself|take my (own )?life|end(ing)? my (own )?life",
  },
  {
    label: "want_to_die",
    tier: "high",
    pattern: "(want|wanted|wanna) to die|wish (i|id) (was|were) dead|better off dead",
  },
  {
    label: "not_want_to_live",
    tier: "high",
    pattern: "(dont|do not) want to (live|be alive|wake up)|no reason to live",
  },
  { label: "self_harm", tier: "high", pattern: "(hurt|harm|cut)(ing)? myself|end it all|overdose" },
  {
    label: "emergency",
    tier: "high",
    pattern: "(cant|cannot) breathe|chest pain|(fell|fallen) (down )?and (i )?(cant|cannot) get up",
  },
  {
    label: "suicidio",
    tier: "high",
    pattern: "suicid(io|arme|arse)|quitarme la vida|acabar con mi vida|matarme",
  },
  {
    label: "quiero_morir",
    tier: "high",
    pattern: "(me )?quiero morir(me)?|no quiero (vivir|seguir viviendo|despertar)|mejor muert[oa]",
  },
  { label: "autolesion", tier: "high", pattern: "hacerme dano|lastimarme" },
  {
    label: "emergencia",
    tier: "high",
    pattern: "no puedo respirar|dolor (en el|de) pecho|me cai y no puedo levantarme",
  },
  // Medium: hopelessness, giving up, feeling a burden.
  {
    label: "hopeless",
    tier: "medium",
    pattern:
      "hopeless|(cant|cannot) go on|no point (in )?(living|going on|anymore)|give up on (life|everything)",
  },
  {
    label: "burden",
    tier: "medium",
    pattern:
      "(a|such a) burden (to|on) (everyone|everybody|my family)|nobody would miss me|no one would miss me",
  },
  { label: "dying", tier: "medium", pattern: "(i am|im) dying" },
  {
    label: "desesperanza",
    tier: "medium",
    pattern: "sin esperanza|no puedo mas|no vale la pena (vivir|seguir)|nadie me extranaria",
  },
  { label: "carga", tier: "medium", pattern: "soy una carga|me estoy muriendo" },
  // Low: loneliness and sadness worth a gentle check-in.
  {
    label: "lonely",
    tier: "low",
    pattern: "lonely|so alone|all alone|depressed|sad all the time|nobody calls me",
  },
  {
    label: "soledad",
    tier: "low",
    pattern: "(muy |tan )?sol[oa] todo el tiempo|me siento (muy |tan )?sol[oa]|deprimid[oa]|muy triste",
  },
];

/** Figures of speech that contain alarming words but mean nothing alarming. */
export const SAFETY_EXCLUSIONS: readonly string[] = [
  "dead tired",
  "dead on my feet",
  "killing time",
  "kill(ing)? myself laughing",
  "to die for",
  "(i am |im )?dying to",
  "(bored|scared|worried) to death",
  "died laughing",
  "killing me",
  "matar el tiempo",
  "muert[oa] de (cansancio|risa|hambre|sueno|frio)",
  "me muero de (risa|hambre|ganas|sueno|frio)",
];

export const SAFETY_TIERS_BY_SEVERITY: readonly SafetyTier[] = ["high", "medium", "low"];

function compile(source: string, flags = ""): RegExp {
  return new RegExp(`\\b(?:${source})\\b`, flags);
}

const PHRASES = SAFETY_PHRASES.map((phrase) => ({ ...phrase, regex: compile(phrase.pattern) }));
const EXCLUSIONS = SAFETY_EXCLUSIONS.map((source) => compile(source, "g"));

/** Same normalization the patterns are written for. */
export function normalizeForScan(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export interface ScanResult {
  /** The most severe tier found, or null. */
  tier: SafetyTier | null;
  /** Labels of every phrase found at that tier. */
  labels: string[];
}

/** Scans one transcript: exclusions blanked out first, then the most severe tier with a hit wins. */
export function scanForSafety(text: string): ScanResult {
  let scanned = ` ${normalizeForScan(text)} `;
  // Replaced by a non-word mark so no phrase can be stitched together across the removed words.
  for (const exclusion of EXCLUSIONS) scanned = scanned.replace(exclusion, " | ");
  for (const tier of SAFETY_TIERS_BY_SEVERITY) {
    const labels = PHRASES.filter((phrase) => phrase.tier === tier && phrase.regex.test(scanned)).map(
      (phrase) => phrase.label,
    );
    if (labels.length > 0) return { tier, labels };
  }
  return { tier: null, labels: [] };
}
