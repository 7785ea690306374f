import type { Scheduler } from "../../scheduler.ts";
import type { DocumentSource } from "./documents.ts";
import type { PartyBehaviour } from "./party.ts";
import type { MachineDetection, StatusEvent } from "./status.ts";
import type { CallDirection } from "./summary.ts";

export interface CarrierConfig {
  accountSid: string;
  authToken: string;
  webhookTimeoutMs: number;
  /** Multiplies the time spent ringing, speaking <Say> and in <Pause>; tests make it small. */
  timeScale: number;
  /** Twilio's TimeLimit: the carrier ends any call after this long. */
  maxCallMs: number;
  scheduler: Scheduler;
  log: (line: string) => void;
}

export interface CallInit {
  sid: string;
  direction: CallDirection;
  /** Inbound only: the caller ID's STIR/SHAKEN result (`StirVerstat`), signed with the other parameters. */
  stirVerstat?: string | null;
  from: string;
  to: string;
  document: DocumentSource;
  statusCallback: { url: string | undefined; events: ReadonlySet<StatusEvent> };
  machineDetection?: MachineDetection;
  /** With AsyncAmd the result goes to this URL instead of into the voice webhook. */
  asyncAmdCallback?: string | undefined;
  party: PartyBehaviour;
  /** Outbound calls wait in `queued` this long (the account's calls-per-second pacing). */
  queuedMs?: number;
}
