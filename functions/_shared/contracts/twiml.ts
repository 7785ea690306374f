/**
 * The say-then-hang-up TwiML document: what Twilio speaks before it ends a call, whether functions/twilio
 * answers a webhook with it (a refusal, a voicemail) or the Worker sends it as a live-call update (the
 * apology when the model is gone). Pure; every attribute and text is escaped.
 */

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export function twimlDocument(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

export interface Spoken {
  sentences: readonly string[];
  /** BCP-47, e.g. "en-US"; Twilio picks a matching voice. */
  language?: string | null;
}

/** Each group's sentences as `<Say>` verbs in its language, a one-second pause between sentences. */
export function sayVerbs(groups: readonly Spoken[]): string {
  const spoken = groups.flatMap(({ sentences, language }) => {
    const attributes = language ? ` language="${escapeXml(language)}"` : "";
    return sentences.map((sentence) => `<Say${attributes}>${escapeXml(sentence)}</Say>`);
  });
  return spoken.join('<Pause length="1"/>');
}

/** Speaks each group's sentences in its language, then ends the call. */
export function sayThenHangUp(groups: readonly Spoken[]): string {
  return twimlDocument(`${sayVerbs(groups)}<Hangup/>`);
}

/** An SMS webhook's answer: one text back to the sender. */
export function messageReply(text: string): string {
  return twimlDocument(`<Message>${escapeXml(text)}</Message>`);
}
