import type { Tx } from "../adapters/db.ts";
import type { PromptLanguage } from "../prompt/local-time.ts";
import { recordKeywordHit, type SafetySession } from "./events.ts";
import { type SafetyTier, scanForSafety } from "./phrases.ts";

/**
 * The transcript backstop beside the model's own judgement: a phrase hit is logged (source `keyword`)
 * and answered with a hint the Worker injects so the model checks in — at most once per tier per call.
 * The transcript itself is never stored; only the phrase labels are.
 */
export async function transcriptBackstop(
  tx: Tx,
  session: SafetySession,
  text: string,
  language: PromptLanguage,
): Promise<{ tier: SafetyTier | null; hint: string | null }> {
  const { tier, labels } = scanForSafety(text);
  if (!tier) return { tier: null, hint: null };
  const fresh = await recordKeywordHit(tx, session, tier, labels);
  return { tier, hint: fresh ? HINTS[language][tier] : null };
}

const HINTS: Record<PromptLanguage, Record<SafetyTier, string>> = {
  en: {
    high:
      "Safety check: the caller may just have spoken of wanting to die, self-harm, or an emergency. Gently and " +
      "directly ask whether they are safe right now. If they are in danger or it is a medical emergency, urge " +
      "them to call 911 now; for thoughts of suicide, encourage them to call or text 988. Then call log_safety_concern.",
    medium:
      "Safety check: the caller may be feeling hopeless or in distress. Gently ask how they are really feeling " +
      "and listen. If it sounds serious, mention they can call or text 988 any time, and call log_safety_concern.",
    low: "The caller may be feeling lonely or low. Gently check in on how they are doing and listen warmly.",
  },
  es: {
    high:
      "Control de seguridad: puede que la persona acabe de hablar de querer morir, de hacerse daño o de una " +
      "emergencia. Pregúntale con suavidad y de forma directa si está a salvo ahora mismo. Si corre peligro o " +
      "es una emergencia médica, insiste en que llame al 911 ahora; ante pensamientos de suicidio, anímale a " +
      "llamar o enviar un mensaje al 988. Después usa log_safety_concern.",
    medium:
      "Control de seguridad: puede que la persona se sienta sin esperanza o angustiada. Pregúntale con suavidad " +
      "cómo se siente de verdad y escucha. Si parece grave, dile que puede llamar o escribir al 988 a cualquier " +
      "hora, y usa log_safety_concern.",
    low: "Puede que la persona se sienta sola o decaída. Pregúntale con cariño cómo está y escucha.",
  },
};
