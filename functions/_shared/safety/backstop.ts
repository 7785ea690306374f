import type { Tx } from "../adapters/db.ts";
import { copyFor } from "../copy/index.ts";
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
  return { tier, hint: fresh ? copyFor(language).safety.hints[tier] : null };
}
