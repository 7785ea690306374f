import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { WebSocket } from "ws";
import { mediaStreamUrl } from "../functions/_shared/contracts/routes.ts";
import { createStreamToken } from "../functions/_shared/contracts/signing/stream-token.ts";
import { loadAverage, ownCpuMs } from "./bridge-cpu.ts";
import type { BridgePeers } from "./bridge-peers.ts";
import type { BridgeTarget } from "./bridge-targets.ts";
import { monotonicMs, readFrameTag, taggedFrame } from "./frames.ts";
import { summarize } from "./stats.ts";

const ACCOUNT_SID = `AC${"0".repeat(32)}`;
/** How long a call waits, after both sides stopped sending, for frames still in flight before counting them lost. */
const SETTLE_MS = 3_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One simulated Twilio media stream: caller frames in, model frames (timed from their tags) out. */
class TwilioCall {
  sent = 0;
  received = 0;
  readonly latencies: number[] = [];
  measuring = false;
  extensions = "";
  private readonly socket: WebSocket;
  private readonly streamSid: string;
  private firstFrame: () => void = () => {};
  readonly ready = new Promise<void>((resolve) => {
    this.firstFrame = resolve;
  });

  constructor(
    wsBase: string,
    readonly call: number,
    readonly callSessionId: string,
    twilioAuth: { authToken: string; publicUrl: string },
  ) {
    this.streamSid = `MZ${callSessionId.replaceAll("-", "")}`;
    // Signed as Twilio signs the upgrade: over the public stream URL the Worker is configured with.
    const signedUrl = mediaStreamUrl(twilioAuth.publicUrl, callSessionId);
    const signature = getExpectedTwilioSignature(twilioAuth.authToken, signedUrl, {});
    // The ws client offers permessage-deflate, like many clients do; the Worker must refuse it.
    this.socket = new WebSocket(`${wsBase}/media-stream/${callSessionId}`, {
      headers: { "X-Twilio-Signature": signature },
    });
    // String scans instead of JSON.parse: the load generator shares the machine's two cores with workerd.
    this.socket.on("message", (data) => {
      const text = String(data);
      const payloadAt = text.indexOf('"payload":"');
      if (text.startsWith('{"event":"media"') && payloadAt > 0) {
        if (this.measuring)
          this.latencies.push(monotonicMs() - readFrameTag(text.slice(payloadAt + 11)).sentAtMs);
        this.received++;
        this.firstFrame();
      } else if (text.includes('"event":"mark"')) {
        this.socket.send(text); // Twilio echoes a mark as it was sent, once the audio before it has played.
      }
    });
  }

  async open(token: string): Promise<void> {
    // The socket starts connecting in the constructor: it may be open already.
    await new Promise((opened, failed) => {
      if (this.socket.readyState === WebSocket.OPEN) return opened(undefined);
      const timer = setTimeout(
        () => failed(new Error(`media stream ${this.call} did not open within 30 s`)),
        30_000,
      );
      this.socket.once("open", () => opened(clearTimeout(timer))).once("error", failed);
    });
    this.extensions = this.socket.extensions;
    this.socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
    const start = {
      streamSid: this.streamSid,
      accountSid: ACCOUNT_SID,
      callSid: `CA${this.callSessionId.replaceAll("-", "")}`,
      tracks: ["inbound"],
      customParameters: { token },
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
    };
    this.socket.send(
      JSON.stringify({ event: "start", sequenceNumber: "1", streamSid: this.streamSid, start }),
    );
  }

  sendFrame(): void {
    const payload = taggedFrame(this.call, this.sent++);
    this.socket.send(
      `{"event":"media","streamSid":"${this.streamSid}","media":{"track":"inbound","payload":"${payload}"}}`,
    );
  }

  hangUp(): void {
    this.socket.send(
      JSON.stringify({ event: "stop", streamSid: this.streamSid, stop: { accountSid: ACCOUNT_SID } }),
    );
    this.socket.close();
  }
}

export interface LoadResult {
  calls: number;
  streamSeconds: number;
  loadAverageBefore: string;
  loadAverageAfter: string;
  /** What the Worker agreed to on the media streams, and offered on its Grok sockets ("" = none). */
  negotiatedExtensions: { twilio: string[]; offeredToGrok: string[] };
  twilioToGrokMs: ReturnType<typeof summarize>;
  grokToTwilioMs: ReturnType<typeof summarize>;
  framesLost: { twilioToGrok: number; grokToTwilio: number };
  /** CPU over the streaming window divided by the call-minutes it lasted. */
  cpuMsPerCallMinute: { worker: number; wranglerDevProxy: number; loadGenerator: number };
  /**
   * The same CPU divided by the audio actually relayed (a call-minute is 3,000 frames each way): equal to
   * the above while the machine keeps up, and still the cost of the work when it does not.
   */
  cpuMsPerRelayedCallMinute: { worker: number; wranglerDevProxy: number; loadGenerator: number };
}

/** 50 frames a second each way. */
const FRAMES_PER_CALL_MINUTE = 2 * 50 * 60;

/**
 * N calls at once: all connect (spread over a second) and wait for the model's first audio, then all
 * stream caller frames for `seconds` while the model streams back. CPU is taken over the streaming
 * window only (a second in, half a second before its end), so it is the steady per-call-minute cost.
 * At the end each call's model audio stops first and in-flight frames are waited for, so "lost" means lost.
 */
export async function runLoad(
  target: BridgeTarget,
  peers: BridgePeers,
  options: {
    calls: number;
    seconds: number;
    firstCall: number;
    secret: string;
    /** The Worker's TWILIO_AUTH_TOKEN and BRIDGE_PUBLIC_URL, to sign each stream's upgrade. */
    twilioAuth: { authToken: string; publicUrl: string };
  },
): Promise<LoadResult> {
  const { calls, seconds, firstCall, secret, twilioAuth } = options;
  const loadAverageBefore = loadAverage();
  peers.toGrok.clear();
  peers.grokSent.clear();
  peers.callBySession.clear();
  peers.grokOfferedExtensions.clear();
  const twilio = await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      await sleep((i * 1_000) / calls);
      const call = new TwilioCall(target.wsBase, firstCall + i, crypto.randomUUID(), twilioAuth);
      peers.callBySession.set(call.callSessionId, call.call);
      const { callSessionId } = call;
      const callSid = `CA${callSessionId.replaceAll("-", "")}`;
      await call.open(await createStreamToken(secret, { callSessionId, callSid, accountSid: ACCOUNT_SID }));
      return call;
    }),
  );
  await Promise.race([
    Promise.all(twilio.map((call) => call.ready)),
    sleep(30_000).then(() => {
      throw new Error("not every call got the model's audio within 30 s");
    }),
  ]);

  const timers = twilio.map((call, i) => {
    call.measuring = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    const phase = setTimeout(
      () => {
        timer = setInterval(() => call.sendFrame(), 20);
      },
      (i * 20) / calls,
    );
    return () => {
      clearTimeout(phase);
      clearInterval(timer);
    };
  });
  const relayed = () =>
    twilio.reduce((sum, call) => sum + call.received, 0) +
    [...peers.toGrok.values()].reduce((sum, stats) => sum + stats.received, 0);
  await sleep(1_000);
  const cpuBefore = { ...target.cpuMs(), loadGenerator: ownCpuMs() };
  const relayedBefore = relayed();
  const windowStarted = monotonicMs();
  await sleep(seconds * 1_000 - 1_500);
  const cpuAfter = { ...target.cpuMs(), loadGenerator: ownCpuMs() };
  const relayedCallMinutes = (relayed() - relayedBefore) / FRAMES_PER_CALL_MINUTE;
  const callMinutes = (calls * (monotonicMs() - windowStarted)) / 60_000;
  await sleep(500);
  for (const call of twilio) call.measuring = false;
  for (const stop of timers) stop();
  for (const call of twilio) peers.stopModelAudio(call.call);

  const settled = () =>
    twilio.every(
      (call) =>
        call.received >= (peers.grokSent.get(call.call) ?? 0) &&
        (peers.toGrok.get(call.call)?.received ?? 0) >= call.sent,
    );
  const settleUntil = monotonicMs() + SETTLE_MS;
  while (!settled() && monotonicMs() < settleUntil) await sleep(50);
  const loadAverageAfter = loadAverage();
  for (const call of twilio) call.hangUp();

  const perCallMinute = (key: keyof typeof cpuBefore, minutes = callMinutes) =>
    Math.round((cpuAfter[key] - cpuBefore[key]) / minutes);
  return {
    calls,
    streamSeconds: seconds,
    loadAverageBefore,
    loadAverageAfter,
    negotiatedExtensions: {
      twilio: [...new Set(twilio.map((call) => call.extensions))],
      offeredToGrok: [...peers.grokOfferedExtensions],
    },
    twilioToGrokMs: summarize([...peers.toGrok.values()].flatMap((stats) => stats.latencies)),
    grokToTwilioMs: summarize(twilio.flatMap((call) => call.latencies)),
    framesLost: {
      twilioToGrok: twilio.reduce(
        (sum, call) => sum + call.sent - (peers.toGrok.get(call.call)?.received ?? 0),
        0,
      ),
      grokToTwilio: twilio.reduce(
        (sum, call) => sum + (peers.grokSent.get(call.call) ?? 0) - call.received,
        0,
      ),
    },
    cpuMsPerCallMinute: {
      worker: perCallMinute("worker"),
      wranglerDevProxy: perCallMinute("devProxy"),
      loadGenerator: perCallMinute("loadGenerator"),
    },
    cpuMsPerRelayedCallMinute: {
      worker: perCallMinute("worker", relayedCallMinutes),
      wranglerDevProxy: perCallMinute("devProxy", relayedCallMinutes),
      loadGenerator: perCallMinute("loadGenerator", relayedCallMinutes),
    },
  };
}
