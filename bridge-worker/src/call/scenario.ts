import type { CallContext, MinutesStatus } from "../../../functions/_shared/contracts/index.ts";
import type { GrokClientEvent, GrokEvent } from "../grok/types.ts";
import { initialState } from "./state.ts";
import { step } from "./step.ts";
import type { CallAction, CallConfig, CallEvent, CallState, TimerName } from "./types.ts";

/** Test scenarios for the reducer: a fake clock, timer table and Twilio playback around `step`. */

export const PHRASES = {
  greeting: "GREET",
  silenceCheck: "SILENCE_CHECK",
  silenceGoodbye: "SILENCE_BYE",
  optOutConfirm: "OPTOUT_CONFIRM",
  optOutGoodbye: "OPTOUT_BYE",
  help: "HELP",
  repeat: "REPEAT",
  lowMinutes: "LOW_MINUTES",
  minutesGoodbye: "MINUTES_BYE",
  toolFiller: "FILLER",
  reconnected: "RECONNECTED",
  resumed: "RESUMED",
};

export const APOLOGY = "Sorry, goodbye.";

export function testContext(minutes?: Partial<MinutesStatus>): CallContext {
  return {
    callSessionId: "cs_1",
    lineId: "line_1",
    accountId: "acc_1",
    direction: "inbound",
    language: "en-US",
    timezone: "America/New_York",
    voice: "ara",
    instructions: "INSTRUCTIONS",
    tools: [
      { type: "function", name: "recall_memory", description: "Recall", parameters: { type: "object" } },
    ],
    minutes: { secondsRemaining: null, planKind: "paid", hardCutoff: false, ...minutes },
    phrases: PHRASES,
    apology: APOLOGY,
  };
}

/** `bytes` of µ-law, base64 encoded (0xff is µ-law silence; content does not matter to the bridge). */
export function ulaw(bytes: number): string {
  return btoa("\xff".repeat(bytes));
}

let ids = 0;

export class Call {
  state: CallState;
  now = 1_000_000;
  log: CallAction[] = [];
  private cursor = 0;
  timers = new Map<TimerName, number>();
  /** Marks sent to Twilio not yet echoed, oldest first. */
  pendingMarks: string[] = [];

  constructor(config?: Partial<CallConfig>) {
    this.state = initialState({ callSessionId: "cs_1", ...(config ? { config } : {}) });
  }

  private readonly clock = () => this.now;

  send(event: CallEvent): CallAction[] {
    const { state, actions } = step(this.state, event, this.clock);
    this.state = state;
    for (const a of actions) this.apply(a);
    this.log.push(...actions);
    return actions;
  }

  private apply(a: CallAction): void {
    if (a.type === "timer.set") this.timers.set(a.name, this.now + a.ms);
    else if (a.type === "timer.cancel") this.timers.delete(a.name);
    else if (a.type === "timer.cancelAll") this.timers.clear();
    else if (a.type === "twilio.mark") this.pendingMarks.push(a.name);
  }

  /** Actions since the last call to `take`. */
  take(): CallAction[] {
    const fresh = this.log.slice(this.cursor);
    this.cursor = this.log.length;
    return fresh;
  }

  grok(event: GrokEvent, conn = this.state.grok.conn): CallAction[] {
    return this.send({ type: "grok", conn, event });
  }

  /** Moves the clock, firing due timers in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      let next: [TimerName, number] | null = null;
      for (const entry of this.timers) if (entry[1] <= until && (!next || entry[1] < next[1])) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = Math.max(this.now, next[1]);
      this.send({ type: "timer", name: next[0] });
    }
    this.now = until;
  }

  /** Twilio plays `count` pending marks (all by default) and echoes them. */
  played(count = this.pendingMarks.length): void {
    for (const name of this.pendingMarks.splice(0, count))
      this.send({ type: "twilio", message: { event: "mark", name } });
  }

  /** What Twilio does on `clear`: every pending mark comes back at once. */
  twilioClears(): void {
    this.played();
  }

  pressKey(digit: string): CallAction[] {
    return this.send({ type: "twilio", message: { event: "dtmf", digit } });
  }

  /** Server VAD reports speech for `ms`, then its transcript. */
  callerSpeaks(opts: { ms?: number; text?: string } = {}): void {
    const itemId = `user_${++ids}`;
    this.grok({ type: "input_audio_buffer.speech_started", itemId, audioStartMs: 0 });
    this.advance(opts.ms ?? 600);
    this.grok({ type: "input_audio_buffer.speech_stopped", itemId });
    if (opts.text !== undefined) {
      this.grok({
        type: "conversation.item.input_audio_transcription.completed",
        itemId,
        transcript: opts.text,
      });
    }
  }

  /** A model response: created, `chunks` deltas of `chunkMs`, then (unless `open`) done. */
  modelSays(opts: { chunks?: number; chunkMs?: number; text?: string; open?: boolean } = {}): {
    responseId: string;
    itemId: string;
  } {
    const responseId = `resp_${++ids}`;
    const itemId = `item_${ids}`;
    this.grok({ type: "response.created", responseId });
    this.grok({ type: "response.output_item.added", responseId, itemId, itemType: "message" });
    this.deltas(responseId, itemId, opts.chunks ?? 3, opts.chunkMs ?? 100);
    if (!opts.open) this.modelFinishes(responseId, itemId, opts.text ?? "Hello there");
    return { responseId, itemId };
  }

  deltas(responseId: string, itemId: string, chunks: number, chunkMs = 100): void {
    for (let i = 0; i < chunks; i++) {
      this.grok({ type: "response.output_audio.delta", responseId, itemId, delta: ulaw(chunkMs * 8) });
    }
  }

  modelFinishes(responseId: string, itemId: string, text = "Hello there"): void {
    this.grok({ type: "response.output_audio.done", responseId, itemId });
    this.grok({ type: "response.output_audio_transcript.done", itemId, transcript: text });
    this.grok({ type: "response.done", responseId, status: "completed" });
  }

  /** Grok client events sent since the last `take` (consumes them). */
  grokSent(): GrokClientEvent[] {
    return this.take().flatMap((a) => (a.type === "grok.send" ? [a.event] : []));
  }
}

export function actionsOf<T extends CallAction["type"]>(
  actions: CallAction[],
  type: T,
): Extract<CallAction, { type: T }>[] {
  return actions.filter((a): a is Extract<CallAction, { type: T }> => a.type === type);
}

/**
 * A verified inbound call with Grok ready and the greeting requested. `warm`: context and Grok are ready
 * before Twilio's stream starts (the warm start).
 */
/** Twilio's `start` for the scenario call (stream MZ1, call CA1, token "t"). */
export const START: CallEvent = {
  type: "twilio",
  message: {
    event: "start",
    streamSid: "MZ1",
    callSid: "CA11111111111111111111111111111111",
    accountSid: "AC22222222222222222222222222222222",
    customParameters: { token: "t" },
    encoding: "audio/x-mulaw",
  },
};

export function startCall(
  opts: {
    minutes?: Partial<MinutesStatus>;
    config?: Partial<CallConfig>;
    warm?: boolean;
    /** Replaces parts of the test context (e.g. a reminder call's `keyTools`). */
    context?: Partial<CallContext>;
  } = {},
): Call {
  const call = new Call(opts.config);
  const context = { ...testContext(opts.minutes), ...opts.context };
  if (opts.warm !== false) {
    call.send({ type: "context.loaded", context });
    call.send({ type: "grok.opened", conn: 1 });
    call.grok({ type: "session.updated" });
    call.send(START);
    call.send({ type: "token.verified" });
  } else {
    call.send(START);
    call.send({ type: "token.verified" });
    call.send({ type: "context.loaded", context });
    call.send({ type: "grok.opened", conn: 1 });
    call.grok({ type: "session.updated" });
  }
  return call;
}

/** startCall, then the greeting is spoken and fully heard. */
export function greetedCall(opts: Parameters<typeof startCall>[0] = {}): Call {
  const call = startCall(opts);
  call.modelSays({ text: "Hello Rose" });
  call.played();
  call.take();
  return call;
}
