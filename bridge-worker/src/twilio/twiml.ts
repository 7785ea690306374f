/**
 * The TwiML documents the Worker sends: a live-call update that speaks a sentence and hangs up (the apology
 * when the model is gone), and the fallback answer. Every attribute and text is escaped.
 */
function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** `<Say language="…">text</Say><Hangup/>`; `language` is BCP-47 (Twilio picks a matching voice). */
export function sayThenHangUpTwiml(text: string, language: string | null): string {
  const attributes = language ? ` language="${escapeXml(language)}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Say${attributes}>${escapeXml(text)}</Say><Hangup/></Response>`;
}

/** Each group's sentences in its language, a pause between groups, then a hang-up (the fallback answer). */
export function sayEachThenHangUpTwiml(
  groups: readonly { language: string; sentences: readonly string[] }[],
): string {
  const spoken = groups.map(({ language, sentences }) =>
    sentences.map((text) => `<Say language="${escapeXml(language)}">${escapeXml(text)}</Say>`).join(""),
  );
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${spoken.join('<Pause length="1"/>')}<Hangup/></Response>`;
}
