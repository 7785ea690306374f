/**
 * TwiML documents functions/twilio answers webhooks with, every attribute and text escaped. Pure. The
 * say-then-hang-up document is the contract's (shared with the Worker's live-call update).
 */
import { escapeXml, twimlDocument } from "../../_shared/contracts/twiml.ts";

/** Hands the call to the bridge Worker's media stream; nothing follows </Connect>, so closing the stream ends the call. */
export function connectStream(streamUrl: string, parameters: Record<string, string>): string {
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${escapeXml(name)}" value="${escapeXml(value)}"/>`)
    .join("");
  return twimlDocument(`<Connect><Stream url="${escapeXml(streamUrl)}">${params}</Stream></Connect>`);
}

export function hangUp(): string {
  return twimlDocument("<Hangup/>");
}
