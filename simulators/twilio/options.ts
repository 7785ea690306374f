import { realScheduler, type Scheduler } from "../scheduler.ts";
import type { PartyBehaviour } from "./carrier/party.ts";
import type { StatusEvent } from "./carrier/status.ts";

export interface TwilioSimulatorOptions {
  /** 0 = any free port. */
  port: number;
  host?: "127.0.0.1";
  accountSid: string;
  authToken: string;
  /** API keys (SK… and secret) accepted for REST Basic auth besides AccountSid:AuthToken, as Twilio does. */
  apiKeys?: ReadonlyArray<{ sid: string; secret: string }>;
  /** Our Twilio number: the `To` of inbound calls and the only `From` accepted for outbound calls and SMS. */
  phoneNumber?: string;
  /** The number's voice webhook, e.g. http://127.0.0.1:54321/functions/v1/twilio/voice/inbound. */
  voiceUrl: string;
  /** The number's status callback, e.g. http://127.0.0.1:54321/functions/v1/twilio/status. */
  statusCallbackUrl: string;
  /** The number's voice fallback URL, asked when the voice URL fails or returns invalid TwiML. */
  fallbackUrl?: string;
  /**
   * Events the number's status callback receives for inbound calls. Twilio sends only `completed` for a
   * phone number's status callback, which is the default.
   */
  inboundStatusEvents?: StatusEvent[];
  /** How long Twilio waits for a webhook before giving up (Twilio: 15 s). */
  webhookTimeoutMs?: number;
  /** Multiplies ringing, <Say> and <Pause> durations; tests use a small value. Default 1. */
  timeScale?: number;
  /** Twilio's TimeLimit: the longest a call may last. Default 4 hours. */
  maxCallSeconds?: number;
  /** The account's outbound calls per second; calls created faster wait in `queued`. Default 1. */
  callsPerSecond?: number;
  /** How the person answers outbound calls unless `setCallee` says otherwise. Default: a human who stays. */
  defaultCallee?: PartyBehaviour;
  log?: (line: string) => void;
  /** The clock of ringing, speech, pacing and time limits; real timers by default. */
  scheduler?: Scheduler;
}

export type ResolvedOptions = Required<Omit<TwilioSimulatorOptions, "fallbackUrl">> & {
  fallbackUrl?: string;
};

export const DEFAULT_PHONE_NUMBER = "+15555550199";

export function resolveOptions(options: TwilioSimulatorOptions): ResolvedOptions {
  return {
    host: "127.0.0.1",
    phoneNumber: DEFAULT_PHONE_NUMBER,
    inboundStatusEvents: ["completed"],
    webhookTimeoutMs: 15_000,
    timeScale: 1,
    maxCallSeconds: 4 * 60 * 60,
    callsPerSecond: 1,
    defaultCallee: { kind: "human" },
    apiKeys: [],
    scheduler: realScheduler,
    log: (line) => console.log(`[twilio-sim] ${line}`),
    ...stripUndefined(options),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
