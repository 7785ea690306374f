import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { delay } from "../scheduler.ts";
import type { CallbackDelivery } from "./carrier/callbacks.ts";
import type { PartyBehaviour } from "./carrier/party.ts";
import type { CallSummary } from "./carrier/summary.ts";
import { codeList, type VerificationCode } from "./control/routes.ts";
import { resolveOptions, type TwilioSimulatorOptions } from "./options.ts";
import { simulatorApp } from "./rest/app.ts";
import { type InboundCallOptions, type SentMessage, SimulatorState } from "./state.ts";

export interface TwilioSimulator {
  /** Base URL of both the REST API and Verify, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  /** Places an inbound call to our number and resolves with its summary once it is over. */
  placeInboundCall(options: InboundCallOptions): Promise<CallSummary>;
  /** How the person at `to` handles outbound calls (answer, busy, machine, speech, key presses…). */
  setCallee(to: string, behaviour: PartyBehaviour): void;
  /** Summaries of every call so far, live ones included. */
  calls(): CallSummary[];
  /** Resolves with the summary of a call (e.g. one the product placed) once it is over. */
  waitForCall(callSid: string): Promise<CallSummary>;
  /** Sends a call's status callbacks again (default: all, newest first) — duplicates, out of order. */
  redeliverStatusCallbacks(callSid: string, sequenceNumbers?: number[]): Promise<CallbackDelivery[]>;
  /** SMS the product sent through the Messages API. */
  messages(): SentMessage[];
  /** Verify codes sent, newest first. */
  verificationCodes(to?: string): VerificationCode[];
  lastCode(to: string): string | undefined;
  reset(): void;
  /** Hangs up live calls and closes the server. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 2000;

export async function startTwilioSimulator(options: TwilioSimulatorOptions): Promise<TwilioSimulator> {
  const state = new SimulatorState(resolveOptions(options));
  const server = createServer(getRequestListener(simulatorApp(state).fetch));
  // `/_sim/calls/inbound` answers only when the call is over, which may take minutes.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, state.options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${state.options.host}:${port}`;
  state.options.log(`listening on ${url} (number ${state.options.phoneNumber})`);

  const callOf = (sid: string) => {
    const call = state.calls.get(sid);
    if (!call) throw new Error(`no call ${sid}`);
    return call;
  };

  return {
    url,
    port,
    placeInboundCall: (inbound) => state.placeInbound(inbound).finished,
    setCallee: (to, behaviour) => {
      state.callees.set(to, behaviour);
    },
    calls: () => state.summaries(),
    waitForCall: (sid) => callOf(sid).finished,
    redeliverStatusCallbacks: (sid, sequenceNumbers) => callOf(sid).callbacks.redeliver(sequenceNumbers),
    messages: () => [...state.messages],
    verificationCodes: (to) => codeList(state, to),
    lastCode: (to) => codeList(state, to)[0]?.code,
    reset: () => state.reset(),
    stop: async () => {
      const live = [...state.calls.values()];
      for (const call of live) call.hangUp();
      const settled = Promise.allSettled(live.map((call) => call.finished));
      await Promise.race([settled, delay(state.options.scheduler, STOP_GRACE_MS)]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
