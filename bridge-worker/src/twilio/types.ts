/**
 * Twilio Media Stream wire messages (twilio.com/docs "WebSocket messages") as the bridge reads them
 * (./codec.ts narrows the wire text into these). Only the fields the bridge uses are kept; anything else
 * about a message is ignored, and a message that does not have the shape below is not an event at all.
 */

export interface TwilioConnected {
  event: "connected";
  protocol: string;
}

export interface TwilioStart {
  event: "start";
  streamSid: string;
  callSid: string;
  accountSid: string;
  /** The <Parameter>s of the TwiML <Stream>, e.g. the stream token. */
  customParameters: Record<string, string>;
  encoding: string;
}

export interface TwilioMedia {
  event: "media";
  /** Base64 µ-law 8 kHz, passed on untouched. */
  payload: string;
  track: string;
}

export interface TwilioDtmf {
  event: "dtmf";
  digit: string;
}

export interface TwilioMark {
  event: "mark";
  name: string;
}

export interface TwilioStop {
  event: "stop";
  callSid: string;
}

export type TwilioEvent = TwilioConnected | TwilioStart | TwilioMedia | TwilioDtmf | TwilioMark | TwilioStop;
