import { KEYPAD } from "../../contracts/keypad.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import type { Copy, Language, MinuteLimit } from "./types.ts";

export type { Copy, Language, MinuteLimit } from "./types.ts";

const COPIES: Record<Language, Copy> = { en, es };

/** The words for one language. */
export function copyFor(language: Language): Copy {
  return COPIES[language];
}

/** The copy language of a line's BCP-47 tag ("es-US" → "es"); anything not Spanish is English. */
export function languageOf(bcp47: string): Language {
  return bcp47.toLowerCase().startsWith("es") ? "es" : "en";
}

/**
 * The Worker's instructions for the call's fixed moments (the context's `phrases`), in the line's language,
 * with the keypad's own digits.
 */
export function callPhrases(
  language: Language,
  name: string,
  firstCall: boolean,
  limit: MinuteLimit = "trial",
) {
  const call = copyFor(language).call;
  return {
    greeting: call.greeting(name, firstCall),
    silenceCheck: call.silenceCheck(name),
    silenceGoodbye: call.silenceGoodbye(name),
    optOutConfirm: call.optOutConfirm(KEYPAD),
    optOutGoodbye: call.optOutGoodbye,
    help: call.help(KEYPAD),
    repeat: call.repeat(KEYPAD),
    lowMinutes: limit === "spending_cap" ? call.capLowMinutes : call.lowMinutes,
    minutesGoodbye: limit === "spending_cap" ? call.capGoodbye : call.minutesGoodbye,
    toolFiller: call.toolFiller,
    reconnected: call.reconnected(copyFor(language).phone.reconnecting(name).join(" ")),
    resumed: call.resumed,
  };
}

/** The sentence Twilio speaks when the model is gone; `name` is null before the line is known. */
export function callApology(language: Language, name: string | null): string {
  return copyFor(language).call.apology(name);
}
