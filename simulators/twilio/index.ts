export type { CallbackDelivery } from "./carrier/callbacks.ts";
export type { PartyBehaviour } from "./carrier/party.ts";
export type { CallStatus, StatusEvent } from "./carrier/status.ts";
export type { CallSummary, EndedBy, EndReason, TwimlRecord } from "./carrier/summary.ts";
export type { VerificationCode } from "./control/routes.ts";
export { DEFAULT_PHONE_NUMBER, type TwilioSimulatorOptions } from "./options.ts";
export { startTwilioSimulator, type TwilioSimulator } from "./server.ts";
export type { InboundCallOptions, SentMessage } from "./state.ts";
export {
  connectedMessage,
  dtmfMessage,
  markMessage,
  mediaMessage,
  type StreamIds,
  startMessage,
  stopMessage,
} from "./stream/messages.ts";
export type { StreamEventRecord, StreamSummary } from "./stream/summary.ts";
