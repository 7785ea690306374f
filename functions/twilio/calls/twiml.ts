/**
 * TwiML documents functions/twilio answers webhooks with, every attribute and text escaped. Pure. The
 * say-then-hang-up document is the contract's (shared with the Worker's live-call update).
 */
import { escapeXml, type Spoken, sayVerbs, twimlDocument } from "../../_shared/contracts/twiml.ts";

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
  return twimlDocument(connectVerb(connect));
}

/** Speaks the sentences, then hands the call to a fresh media stream (a reconnect). */
export function sayThenConnect(spoken: Spoken, connect: StreamConnect): string {
  return twimlDocument(`${sayVerbs([spoken])}${connectVerb(connect)}`);
}

export function hangUp(): string {
  return twimlDocument("<Hangup/>");
}
