/**
 * What the Worker's fallback TwiML endpoint says when functions/twilio is down: the copy module's
 * `phone.unavailable` sentences, kept here because the Worker imports nothing of `functions/` but the
 * contract. With the functions host down the line (and so its language) cannot be looked up, so both
 * languages are spoken, English first. A test beside the copy module keeps these equal to it.
 */
export const FALLBACK_WORDS: readonly { language: string; sentences: readonly string[] }[] = [
  {
    language: "en-US",
    sentences: [
      "Sorry, Ultaura can't take this call right now because of a problem on our side. Please try again in a few minutes. Goodbye.",
    ],
  },
  {
    language: "es-US",
    sentences: [
      "Lo sentimos, Ultaura no puede atender esta llamada ahora por un problema de nuestra parte. Por favor, inténtelo de nuevo en unos minutos. Adiós.",
    ],
  },
];
