/**
 * TwiML documents, built as strings with every attribute and text escaped. Pure: used by
 * functions/twilio to answer webhooks and by the Worker for live-call updates (apology, hang-up).
 */

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export interface SayOptions {
  /** BCP-47, e.g. "en-US"; Twilio picks a matching voice. */
  language?: string;
}

function say(text: string, { language }: SayOptions = {}): string {
  const attributes = language ? ` language="${escapeXml(language)}"` : "";
  return `<Say${attributes}>${escapeXml(text)}</Say>`;
}

const document = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

/** Speaks each sentence, pausing briefly between them, then ends the call. */
export function sayThenHangUp(sentences: string[], options: SayOptions = {}): string {
  return document(
    `${sentences.map((sentence) => say(sentence, options)).join('<Pause length="1"/>')}<Hangup/>`,
  );
}

/** Speaks groups of sentences, each group in its own language, then ends the call. */
export function sayEachThenHangUp(groups: { sentences: string[]; language: string }[]): string {
  const spoken = groups.flatMap(({ sentences, language }) =>
    sentences.map((sentence) => say(sentence, { language })),
  );
  return document(`${spoken.join('<Pause length="1"/>')}<Hangup/>`);
}

export interface StreamConnect {
  streamUrl: string;
  parameters: Record<string, string>;
  /**
   * Where Twilio asks what next when the stream ends or never connects (`<Connect action>`), so a broken
   * stream is answered with words, never silence.
   */
  action: string;
}

function connectVerb({ streamUrl, parameters, action }: StreamConnect): string {
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${escapeXml(name)}" value="${escapeXml(value)}"/>`)
    .join("");
  return `<Connect action="${escapeXml(action)}"><Stream url="${escapeXml(streamUrl)}">${params}</Stream></Connect>`;
}

/** Hands the call to the bridge Worker's media stream; when it ends, Twilio asks the `action` URL. */
export function connectStream(connect: StreamConnect): string {
  return document(connectVerb(connect));
}

/** Speaks the sentences, then hands the call to a fresh media stream (a reconnect). */
export function sayThenConnect(sentences: string[], options: SayOptions, connect: StreamConnect): string {
  return document(`${sentences.map((sentence) => say(sentence, options)).join("")}${connectVerb(connect)}`);
}

export function hangUp(): string {
  return document("<Hangup/>");
}
