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
import type { SafetyTier } from "./tiers.ts";

export interface SafetyPhrase {
  /** Short label stored as the safety event's signal (never the caller's words). */
  label: string;
  tier: SafetyTier;
  pattern: string;
}

export const SAFETY_PHRASES: readonly SafetyPhrase[] = [
  // High: self-harm or a life in danger now.
  { label: "suicide", tier: "high", pattern: "suicid(e|al)|kill(ing)? myself|take my (own )?life|end(ing)? my (own )?life" },
  { label: "want_to_die", tier: "high", pattern: "(want|wanted|wanna|going) to die|wish (i|id) (was|were) dead|better off dead" },
  { label: "not_want_to_live", tier: "high", pattern: "(dont|do not) want to (live|be alive|wake up)|no reason to live" },
  { label: "self_harm", tier: "high", pattern: "(hurt|harm|cut)(ing)? myself|end it all|overdose" },
  { label: "emergency", tier: "high", pattern: "(cant|cannot) breathe|chest pain|(fell|fallen) (down )?and (i )?(cant|cannot) get up" },
  { label: "suicidio", tier: "high", pattern: "suicid(io|arme|arse)|quitarme la vida|acabar con mi vida|matarme" },
  { label: "quiero_morir", tier: "high", pattern: "(me )?quiero morir(me)?|no quiero (vivir|seguir viviendo|despertar)|mejor muert[oa]" },
  { label: "autolesion", tier: "high", pattern: "hacerme dano|lastimarme" },
  { label: "emergencia", tier: "high", pattern: "no puedo respirar|dolor (en el|de) pecho|me cai y no puedo levantarme" },
  // Medium: hopelessness, giving up, feeling a burden.
  { label: "hopeless", tier: "medium", pattern: "hopeless|(cant|cannot) go on|no point (in )?(living|going on|anymore)|give up on (life|everything)" },
  { label: "burden", tier: "medium", pattern: "(a|such a) burden (to|on) (everyone|everybody|my family)|nobody would miss me|no one would miss me" },
  { label: "dying", tier: "medium", pattern: "(i am|im) dying" },
  { label: "desesperanza", tier: "medium", pattern: "sin esperanza|no puedo mas|no vale la pena (vivir|seguir)|nadie me extranaria" },
  { label: "carga", tier: "medium", pattern: "soy una carga|me estoy muriendo" },
  // Low: loneliness and sadness worth a gentle check-in.
  { label: "lonely", tier: "low", pattern: "lonely|so alone|all alone|depressed|sad all the time|nobody calls me" },
  { label: "soledad", tier: "low", pattern: "(muy |tan )?sol[oa] todo el tiempo|me siento (muy |tan )?sol[oa]|deprimid[oa]|muy triste" },
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
