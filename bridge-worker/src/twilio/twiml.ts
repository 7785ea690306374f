/**
 * The one TwiML document the Worker sends: a live-call update that speaks a sentence and hangs up (the
 * apology when the model is gone). Every attribute and text is escaped.
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
