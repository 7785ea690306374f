import { step } from "../bridge-worker/src/call/index.ts";
import { greetedCall } from "../bridge-worker/src/call/scenario.ts";
import type { CallAction, CallState } from "../bridge-worker/src/call/types.ts";
import { encodeClientEvent, parseGrokEvent } from "../bridge-worker/src/grok/codec.ts";
import { parseTwilioMessage, twilioMark, twilioMedia } from "../bridge-worker/src/twilio/codec.ts";
import { taggedFrame } from "./frames.ts";

/**
 * The Worker's own JavaScript per frame, without the runtime around it: each message's text through the
 * shell's parse, the reducer's step and the encoding of what it sends, as CallBridge does it, in Node's
 * V8 (workerd's engine). The end-to-end figures include workerd's socket work and the machine's
 * contention; this isolates the part our code controls, precisely enough to see a change of a few µs.
 */
export interface FrameWork {
  twilioToGrokUs: number;
  grokToTwilioUs: number;
  markEchoUs: number;
  /** 3,000 frames each way and a mark echo per 100 ms of model audio. */
  msPerCallMinute: number;
}

const FRAMES_PER_MINUTE = 3_000;

/** CPU time rather than wall time, so that other processes taking the core do not count. */
function timeUs(iterations: number, run: (i: number) => void): number {
  for (let i = 0; i < Math.min(iterations, 5_000); i++) run(i); // warm the JIT
  const started = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / iterations;
}

/** What the shell sends for an action, as text (the part of `perform` on the audio path). */
function encode(action: CallAction): string {
  if (action.type === "grok.send") return encodeClientEvent(action.event);
  if (action.type === "twilio.media") return twilioMedia(action.streamSid, action.payload);
  if (action.type === "twilio.mark") return twilioMark(action.streamSid, action.name);
  return "";
}

export function measureFrameWork(iterations = 60_000): FrameWork {
  const call = greetedCall();
  const { responseId, itemId } = call.modelSays({ chunks: 1, chunkMs: 20, open: true });
  let state: CallState = call.state;
  const conn = state.grok.conn;
  const streamSid = state.stream?.streamSid ?? "";
  const clock = () => 1_000_000;
  const sink: string[] = [];
  const marks: string[] = [];
  const run = (text: string, toEvent: (text: string) => Parameters<typeof step>[1] | null) => {
    const event = toEvent(text);
    if (!event) return;
    const result = step(state, event, clock);
    state = result.state;
    for (const action of result.actions) {
      sink.push(encode(action));
      if (action.type === "twilio.mark") marks.push(action.name);
    }
    if (sink.length > 1_000) sink.length = 0;
  };
  const fromTwilio = (text: string) => {
    const message = parseTwilioMessage(text);
    return message ? { type: "twilio" as const, message } : null;
  };
  const fromGrok = (text: string) => {
    const event = parseGrokEvent(text);
    return event ? { type: "grok" as const, conn, event } : null;
  };

  const callerFrames = Array.from(
    { length: 1_000 },
    (_, i) =>
      `{"event":"media","sequenceNumber":"${i + 2}","media":{"track":"inbound","chunk":"${i + 1}","timestamp":"${i * 20}","payload":"${taggedFrame(1, i)}"},"streamSid":"${streamSid}"}`,
  );
  const modelDeltas = Array.from(
    { length: 1_000 },
    (_, i) =>
      `{"type":"response.output_audio.delta","event_id":"event_${i}","response_id":"${responseId}","item_id":"${itemId}","output_index":0,"content_index":0,"delta":"${taggedFrame(2, i)}"}`,
  );
  const twilioToGrokUs = timeUs(iterations, (i) => run(callerFrames[i % 1_000] as string, fromTwilio));
  const grokToTwilioUs = timeUs(iterations, (i) => run(modelDeltas[i % 1_000] as string, fromGrok));
  const echoes = marks.map(
    (name, i) =>
      `{"event":"mark","sequenceNumber":"${i + 2}","streamSid":"${streamSid}","mark":{"name":"${name}"}}`,
  );
  if (echoes.length === 0) throw new Error("the reducer sent no playback marks");
  const markEchoUs = timeUs(echoes.length, (i) => run(echoes[i] as string, fromTwilio));
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    twilioToGrokUs: round(twilioToGrokUs),
    grokToTwilioUs: round(grokToTwilioUs),
    markEchoUs: round(markEchoUs),
    msPerCallMinute: round(
      (FRAMES_PER_MINUTE * (twilioToGrokUs + grokToTwilioUs) + (FRAMES_PER_MINUTE / 5) * markEchoUs) / 1_000,
    ),
  };
}
