import { randomInt } from "node:crypto";
import { Call } from "./carrier/call.ts";
import type { CallInit, CarrierConfig } from "./carrier/call-init.ts";
import type { PartyBehaviour } from "./carrier/party.ts";
import type { CallSummary } from "./carrier/summary.ts";
import type { ResolvedOptions } from "./options.ts";
import { newSid } from "./sids.ts";
import { VerifyStore } from "./verify/store.ts";

export interface SentMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  createdAt: string;
}

/** Inbound call from the simulated person to our number (the CLI's `call`). */
export interface InboundCallOptions extends Omit<PartyBehaviour, "answer" | "ringMs"> {
  from: string;
  /** Default: our number. */
  to?: string;
  /** StirVerstat on the voice webhook; default TN-Validation-Passed-A, null for none. */
  stirVerstat?: string | null | undefined;
}

/** Our number as IncomingPhoneNumbers holds it: where Twilio sends its inbound calls and their status. */
export interface IncomingNumber {
  sid: string;
  phoneNumber: string;
  voiceUrl: string;
  voiceMethod: "GET" | "POST";
  voiceFallbackUrl: string | null;
  voiceFallbackMethod: "GET" | "POST";
  statusCallback: string;
  statusCallbackMethod: "GET" | "POST";
}

/** The next `count` REST requests whose path contains `path` answer Twilio's error `status` instead. */
export interface RestFault {
  path: string;
  /** Only requests with this method (e.g. POST: a live-call update, not the GET of the same call). */
  method?: "GET" | "POST" | "DELETE";
  status: 429 | 500 | 503;
  count: number;
}

/** Everything the simulator remembers: calls, texts, verifications, and how outbound callees behave. */
export class SimulatorState {
  readonly calls = new Map<string, Call>();
  readonly messages: SentMessage[] = [];
  readonly callees = new Map<string, PartyBehaviour>();
  /** Scripted callees: each outbound call to the number takes the next behaviour; then `callees` applies. */
  readonly calleeScripts = new Map<string, PartyBehaviour[]>();
  verify: VerifyStore;
  /** REST requests to fail next (a fault injected through `/_sim/faults/rest`), oldest first. */
  readonly restFaults: RestFault[] = [];
  private nextDialAtMs = 0;

  /** Starts as the options say; REST updates (IncomingPhoneNumbers) change where the next inbound call goes. */
  readonly number: IncomingNumber;

  constructor(readonly options: ResolvedOptions) {
    this.number = {
      sid: newSid("PN"),
      phoneNumber: options.phoneNumber,
      voiceUrl: options.voiceUrl,
      voiceMethod: "POST",
      voiceFallbackUrl: options.fallbackUrl ?? null,
      voiceFallbackMethod: "POST",
      statusCallback: options.statusCallbackUrl,
      statusCallbackMethod: "POST",
    };
    this.verify = this.newVerifyStore();
  }

  get carrier(): CarrierConfig {
    const { accountSid, authToken, webhookTimeoutMs, timeScale, maxCallSeconds, scheduler, log } =
      this.options;
    const maxCallMs = maxCallSeconds * 1000;
    return { accountSid, authToken, webhookTimeoutMs, timeScale, maxCallMs, scheduler, log };
  }

  placeCall(init: Omit<CallInit, "sid">): Call {
    const call = new Call({ ...init, sid: newSid("CA") }, this.carrier);
    this.calls.set(call.init.sid, call);
    return call;
  }

  placeInbound(options: InboundCallOptions): Call {
    const { from, to, stirVerstat, ...party } = options;
    const { inboundStatusEvents } = this.options;
    const {
      voiceUrl,
      voiceFallbackUrl: fallbackUrl,
      statusCallback: statusCallbackUrl,
      phoneNumber,
    } = this.number;
    return this.placeCall({
      direction: "inbound",
      stirVerstat: stirVerstat === undefined ? "TN-Validation-Passed-A" : stirVerstat,
      from,
      to: to ?? phoneNumber,
      document: {
        kind: "url",
        source: "voice-url",
        url: voiceUrl,
        method: this.number.voiceMethod,
        ...(fallbackUrl ? { fallbackUrl } : {}),
      },
      statusCallback: { url: statusCallbackUrl, events: new Set(inboundStatusEvents) },
      party,
    });
  }

  /** Milliseconds a new outbound call waits in `queued` to keep to the account's calls per second. */
  dialDelayMs(): number {
    const now = this.options.scheduler.now();
    const dialAt = Math.max(now, this.nextDialAtMs);
    this.nextDialAtMs = dialAt + 1000 / this.options.callsPerSecond;
    return dialAt - now;
  }

  calleeFor(to: string): PartyBehaviour {
    const scripted = this.calleeScripts.get(to)?.shift();
    if (scripted) return scripted;
    return this.callees.get(to) ?? this.options.defaultCallee;
  }

  summaries(): CallSummary[] {
    return [...this.calls.values()].map((call) => call.summary);
  }

  reset(): void {
    this.calls.clear();
    this.messages.length = 0;
    this.callees.clear();
    this.calleeScripts.clear();
    this.restFaults.length = 0;
    this.verify = this.newVerifyStore();
  }

  private newVerifyStore(): VerifyStore {
    return new VerifyStore(
      () => Math.floor(this.options.scheduler.now()),
      () => String(randomInt(0, 1_000_000)).padStart(6, "0"),
      () => newSid("VE"),
    );
  }
}
