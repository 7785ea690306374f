/**
 * The one text normaliser behind every deterministic match on what people say or wrote: memory matching
 * (`../memory/match.ts`) and the safety backstop's phrase lists (`../safety/`). Lowercase, accents removed
 * ("daño" → "dano"), apostrophes dropped so contractions become one word ("don't" → "dont", "I'm" → "im"),
 * everything else that is not a letter or digit a single space. Pure.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
